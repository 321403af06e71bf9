/*
 * <portal-chat>: the whole chat inside a portal page, sized by the page (give the element a width and height).
 *
 *   <script src="https://chat.acme.com/embed.js" defer></script>
 *   <portal-chat open-user="ada" style="display:block; height: 600px"></portal-chat>
 *
 * Attributes: `src` (the chat's origin; default: where this script came from), `open-user`, `open-email`,
 * `open-external-id` (the chat to show first), `lang` (the chat's language, e.g. "de"; default: the browser's). Method: `open({username} | {email} | {externalId})`.
 * Events (CustomEvents on the element, bubbling; `detail` is the message): `chat:unread` {count},
 * `chat:opened` {conversationId}, `chat:signed-out`. The portal's origin must be in the chat's FRAME_ANCESTORS.
 */
(() => {
  const scriptOrigin = document.currentScript ? new URL(document.currentScript.src).origin : location.origin;
  const EVENTS = ['chat:unread', 'chat:opened', 'chat:signed-out'];
  const REFS = [
    ['username', 'open-user', ''],
    ['email', 'open-email', 'email/'],
    ['externalId', 'open-external-id', 'ext/'],
  ];

  /** The chat's path for a person, or null when `person` names nobody. */
  function pathOf(person) {
    for (const [kind, , prefix] of REFS) {
      const value = person?.[kind];
      if (typeof value === 'string' && value.trim()) return `/u/${prefix}${encodeURIComponent(value.trim())}`;
    }
    return null;
  }

  class PortalChat extends HTMLElement {
    static observedAttributes = REFS.map(([, attribute]) => attribute);
    #frame = null;
    /** The chat has spoken, so it listens: open() can ask it instead of reloading the frame. */
    #ready = false;

    /** The chat's origin: the `src` attribute's, else this script's. */
    get origin() {
      return new URL(this.getAttribute('src') || scriptOrigin, location.href).origin;
    }

    connectedCallback() {
      if (this.#frame) return;
      const root = this.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = ':host{display:block}iframe{display:block;width:100%;height:100%;border:0}';
      this.#frame = document.createElement('iframe');
      this.#frame.title = this.getAttribute('title') || 'Chat';
      // Voice messages: a cross-origin frame may use the microphone only when its embedder allows it.
      this.#frame.allow = 'microphone';
      this.#frame.src = this.#url(pathOf(this.#personFromAttributes()) ?? '/');
      root.append(style, this.#frame);
      window.addEventListener('message', this.#onMessage);
    }

    disconnectedCallback() {
      window.removeEventListener('message', this.#onMessage);
    }

    attributeChangedCallback(name, previous, value) {
      const [kind] = REFS.find(([, attribute]) => attribute === name);
      if (this.#frame && value && value !== previous) this.open({ [kind]: value });
    }

    /** Opens (or creates, when the chat's rules allow) the direct conversation with a person. */
    open(person) {
      const path = pathOf(person);
      if (!path) throw new TypeError('open() takes {username}, {email} or {externalId}');
      this.#show(path, person);
    }

    #personFromAttributes() {
      for (const [kind, attribute] of REFS) {
        const value = this.getAttribute(attribute);
        if (value) return { [kind]: value };
      }
      return null;
    }

    /** The chat's address for a path, in the language the portal asks for (the app remembers it). */
    #url(path) {
      const lang = this.getAttribute('lang');
      return this.origin + path + (lang ? `?lang=${encodeURIComponent(lang)}` : '');
    }

    #show(path, person) {
      const [kind] = REFS.find(([k]) => typeof person[k] === 'string' && person[k].trim());
      if (this.#ready) {
        this.#frame.contentWindow.postMessage({ type: 'chat:open', [kind]: person[kind].trim() }, this.origin);
      } else {
        this.#frame.src = this.#url(path);
      }
    }

    #onMessage = (event) => {
      if (event.source !== this.#frame?.contentWindow || event.origin !== this.origin) return;
      if (!EVENTS.includes(event.data?.type)) return;
      this.#ready = true;
      this.dispatchEvent(new CustomEvent(event.data.type, { detail: event.data, bubbles: true, composed: true }));
    };
  }

  if (!customElements.get('portal-chat')) customElements.define('portal-chat', PortalChat);
})();
