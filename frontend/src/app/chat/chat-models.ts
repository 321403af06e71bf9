import type { MessageView } from '@contracts/messages';

/** A send not acknowledged this long after the person pressed Enter is shown as failed, with Retry. */
export const SEND_TIMEOUT_MS = 10_000;

/** `sent` once the server stored it; `pending` while a send is under way; `failed` when it may not have arrived. */
export type DeliveryStatus = 'sent' | 'pending' | 'failed';

/** A message as the chat shows it. A pending or failed one has no server `id` yet (''). */
export interface ChatMessage extends MessageView {
  status: DeliveryStatus;
  /** Why the last send failed. */
  error?: string;
}

/** What the composer produces; the server assigns the id. */
export interface OutgoingMessage {
  conversationId: string;
  clientId: string;
  senderId: string;
  text: string;
  createdAt: string;
}

/**
 * The entity key of a message. A clientId is unique per sender only, and every participant sees the other's
 * clientIds, so the sender is part of the key: nobody can overwrite someone else's message by reusing its clientId.
 */
export function messageKey(message: Pick<MessageView, 'senderId' | 'clientId'>): string {
  return `${message.senderId}:${message.clientId}`;
}

/** Stored messages in id order (ObjectId hex strings sort as they were created), then unsent ones as typed. */
export function compareMessages(a: ChatMessage, b: ChatMessage): number {
  if (a.id && b.id) return compareIds(a.id, b.id);
  if (a.id) return -1;
  if (b.id) return 1;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two message ids; null counts as "nothing yet". */
export function maxId(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a > b ? a : b;
}

/**
 * Folds a copy of a message from the server into what is shown. The same message arrives several times (the ack,
 * `message:new`, a history page, a catch-up page), in any order, so the newest state wins: a deletion is final, and
 * an older copy never undoes an edit.
 */
export function mergeMessage(existing: ChatMessage | undefined, incoming: MessageView): ChatMessage {
  const fresh: ChatMessage = { ...incoming, status: 'sent' };
  if (!existing || existing.status !== 'sent') return fresh;
  if (existing.deletedAt) return existing;
  if (incoming.deletedAt) return fresh;
  return (existing.editedAt ?? '') > (incoming.editedAt ?? '') ? existing : fresh;
}

export function pendingMessage(outgoing: OutgoingMessage): ChatMessage {
  const { conversationId, clientId, senderId, text, createdAt } = outgoing;
  return { id: '', conversationId, clientId, senderId, kind: 'text', text, createdAt, status: 'pending' };
}
