import { DOCUMENT, inject, Injectable } from '@angular/core';
import type { EmbedCommand, EmbedEvent, PersonRef, SsoPopupResult } from '@contracts/embed';
import { filter, fromEvent, map, type Observable } from 'rxjs';

/**
 * The app's view of the frame it may be in: whether a page frames it, talking to that page (the portal) and to the
 * single sign-on popup. Messages go to exact origins only, never '*', and only messages from the allowed portals
 * (FRAME_ANCESTORS) are listened to.
 */
@Injectable({ providedIn: 'root' })
export class EmbedWindow {
  private readonly window = inject(DOCUMENT).defaultView!;

  /** Shown inside another page's frame. */
  readonly framed = this.window.parent !== this.window;

  /**
   * Where events for the portal go: the parent's origin when the browser tells it (location.ancestorOrigins) and it
   * is allowed; else each allowed origin, so only the one that is the parent receives them.
   */
  portalOrigins(allowed: readonly string[]): string[] {
    const parent = this.window.location.ancestorOrigins?.[0];
    if (parent === undefined) return [...allowed];
    return allowed.includes(parent) ? [parent] : [];
  }

  postToPortal(event: EmbedEvent, allowed: readonly string[]): void {
    for (const origin of this.portalOrigins(allowed)) this.window.parent.postMessage(event, origin);
  }

  /** "Open the chat with …" from the portal page: only from the parent, and only from an allowed origin. */
  portalCommands(allowed: readonly string[]): Observable<PersonRef> {
    return fromEvent<MessageEvent>(this.window, 'message').pipe(
      filter((event) => this.framed && event.source === this.window.parent && allowed.includes(event.origin)),
      map((event) => personOf(event.data)),
      filter((ref): ref is PersonRef => ref !== null),
    );
  }

  /** A popup for single sign-on, centred; null when the browser blocked it. */
  openPopup(url: string): Window | null {
    const [width, height] = [480, 640];
    const left = Math.max(0, (this.window.screen.width - width) / 2);
    const top = Math.max(0, (this.window.screen.height - height) / 2);
    return this.window.open(url, 'chat-sso', `popup,width=${width},height=${height},left=${left},top=${top}`);
  }

  /** What the popup's last page posts back: from that popup, on this very origin. */
  popupResults(popup: Window): Observable<SsoPopupResult> {
    return fromEvent<MessageEvent>(this.window, 'message').pipe(
      filter((event) => event.source === popup && event.origin === this.window.location.origin),
      map((event) => event.data as SsoPopupResult),
      filter((data) => data?.type === 'chat:sso-code' || data?.type === 'chat:sso-error'),
    );
  }

  /** Random bytes as base64url, and their SHA-256 (the challenge the sign-in starts with). */
  async newVerifier(): Promise<{ verifier: string; challenge: string }> {
    const crypto = this.window.crypto;
    const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    return { verifier, challenge: base64url(new Uint8Array(digest)) };
  }
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The person a portal's command names, or null for anything else. */
export function personOf(data: unknown): PersonRef | null {
  if (typeof data !== 'object' || data === null || (data as EmbedCommand).type !== 'chat:open') return null;
  for (const kind of ['username', 'email', 'externalId'] as const) {
    const value = (data as Record<string, unknown>)[kind];
    if (typeof value === 'string' && value.trim() && value.length <= 255) return { [kind]: value.trim() } as PersonRef;
  }
  return null;
}

/** The app's deep link to a person: /u/:username, /u/email/:email, /u/ext/:externalId. */
export function deepLinkOf(ref: PersonRef): string[] {
  if ('username' in ref) return ['/u', ref.username];
  if ('email' in ref) return ['/u', 'email', ref.email];
  return ['/u', 'ext', ref.externalId];
}
