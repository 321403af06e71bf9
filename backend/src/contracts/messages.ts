import type { PublicUser } from './users';

export const MESSAGE_KINDS = ['text', 'image', 'video'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export type MediaKind = Exclude<MessageKind, 'text'>;

/** An uploaded picture or video (POST /api/media), and the media of a message. */
export class MediaView {
  declare id: string;
  /** @example "image" */
  declare kind: MediaKind;
  /** @example "image/jpeg" */
  declare mime: string;
  /** Bytes stored. */
  declare size: number;
  declare width?: number;
  declare height?: number;
  /**
   * GET it with the access token, or from the browser with the media cookie set at sign-in.
   * @example "/api/media/665f1c2e8b3e4a1d2c9f0a11"
   */
  declare url: string;
  declare thumbUrl?: string;
}

export class MessageView {
  declare id: string;
  declare conversationId: string;
  /**
   * The message's place in its conversation, assigned by the database: strictly increasing, the order of history,
   * catch-up and display on any number of instances. Numbers may be skipped (a send that died half-way).
   */
  declare seq: number;
  declare senderId: string;
  declare clientId: string;
  /** @example "text" */
  declare kind: MessageKind;
  /** The text, or the caption of a picture or video; absent on a deleted message. */
  declare text?: string;
  declare media?: MediaView;
  /** The picture or video was deleted with its sender's account (the message and its caption stay). */
  declare mediaRemoved?: boolean;
  declare createdAt: string;
  declare editedAt?: string;
  /** Set on a deleted message, whose content is gone. */
  declare deletedAt?: string;
}

export class ConversationView {
  declare id: string;
  declare kind: 'direct';
  /**
   * The other participant; `online` / `lastSeenAt` only while you share presence (friends; with
   * DIRECT_MESSAGES=everyone, also once the conversation has had a message; never after a block).
   */
  declare participant: PublicUser;
  declare lastMessage: MessageView | null;
  declare lastActivityAt: string;
  /** Messages you have not read yet. */
  declare unread: number;
  /** The last of your messages the other participant has received ("Delivered"). */
  declare deliveredUpTo: string | null;
  /** The seq of `deliveredUpTo`: receipts only move forward by seq. */
  declare deliveredUpToSeq: number | null;
  /** The last of your messages the other participant has read ("Seen"); null when they share no receipts. */
  declare readUpTo: string | null;
  /** The seq of `readUpTo`. */
  declare readUpToSeq: number | null;
  /** You muted it: no sound, desktop notification, push or e-mail (still counted as unread). */
  declare muted: boolean;
  /** Until when it is muted; null when not muted or muted until you unmute it. */
  declare mutedUntil: string | null;
}

export const MAX_TEXT_LENGTH = 4000;
