import type { PublicUser } from './users';

export type MessageKind = 'text' | 'image' | 'video';

export interface MessageView {
  id: string;
  conversationId: string;
  senderId: string;
  clientId: string;
  kind: MessageKind;
  text?: string;
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
