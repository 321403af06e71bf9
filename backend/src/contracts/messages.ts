import type { PublicUser } from './users';

export type MessageKind = 'text' | 'image' | 'video';

export interface MessageView {
  id: string;
  conversationId: string;
  /**
   * The message's place in its conversation, assigned by the database: strictly increasing, the order of history,
   * catch-up and display on any number of instances. Numbers may be skipped (a send that died half-way).
   */
  seq: number;
  senderId: string;
  clientId: string;
  kind: MessageKind;
  /** The text, or the caption of a picture or video. */
  text?: string;
  media?: MediaView;
  createdAt: string;
  editedAt?: string;
  /** Set on a deleted message, whose content is gone. */
  deletedAt?: string;
}

export interface ConversationView {
  id: string;
  kind: 'direct';
  /** The other participant; `online` / `lastSeenAt` only while you are friends. */
  participant: PublicUser;
  lastMessage: MessageView | null;
  lastActivityAt: string;
  /** Messages you have not read yet. */
  unread: number;
  /** The last of your messages the other participant has received ("Delivered"). */
  deliveredUpTo: string | null;
  /** The last of your messages the other participant has read ("Seen"); null when they share no receipts. */
  readUpTo: string | null;
}

export const MAX_TEXT_LENGTH = 4000;

/** An uploaded picture or video (POST /api/media), and the media of a message. */
export interface MediaView {
  id: string;
  kind: 'image' | 'video';
  mime: string;
  size: number;
  width?: number;
  height?: number;
  /** GET it with the access token, or from the browser with the media cookie set at sign-in. */
  url: string;
  thumbUrl?: string;
}
