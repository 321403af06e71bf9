/** GET /api/push/key */
export class PushKeyView {
  /** The VAPID public key for `PushManager.subscribe({applicationServerKey})`; null when Web Push is off. */
  declare publicKey: string | null;
}

/** What the service worker receives in a push (encrypted to the browser) and shows. */
export interface PushPayload {
  conversationId: string;
  /** The sender's display name. */
  title: string;
  /** A line of the message (a mark for a picture or video). */
  body: string;
}
