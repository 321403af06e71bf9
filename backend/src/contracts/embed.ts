/** GET /api/embed/config: what the app needs to know inside a portal's frame. */
export class EmbedSettings {
  /**
   * The portal origins that may frame the app (FRAME_ANCESTORS). The framed app posts its events to these only, and
   * takes commands from these only. Empty: no portal may frame it.
   * @example ["https://portal.acme.com"]
   */
  declare frameAncestors: string[];
}

/** What the framed app posts to the portal page (`window.parent`), always with the portal's exact origin. */
export type EmbedEvent =
  | { type: 'chat:unread'; count: number }
  | { type: 'chat:opened'; conversationId: string }
  | { type: 'chat:signed-out' };

/** How a portal names a person: username, e-mail address or external id (the SSO subject). */
export type PersonRef = { username: string } | { email: string } | { externalId: string };

/** What the portal page (through `<portal-chat>`) may ask the framed app: open the chat with a person. */
export type EmbedCommand = { type: 'chat:open' } & PersonRef;

/** The last page of a single sign-on popup to the framed app that opened it (same origin). */
export type SsoPopupResult = { type: 'chat:sso-code'; code: string } | { type: 'chat:sso-error'; error: string };
