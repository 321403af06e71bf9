import type { MediaView, MessageView, ReplyQuoteView } from '@contracts/messages';

/** A send not acknowledged this long after the person pressed Enter is shown as failed, with Retry. */
export const SEND_TIMEOUT_MS = 10_000;

/** `sent` once the server stored it; `pending` while a send is under way; `failed` when it may not have arrived. */
export type DeliveryStatus = 'sent' | 'pending' | 'failed';

/** How far my last message got; each view words it in the person's language. */
export type Receipt = 'sent' | 'delivered' | 'seen';

/** A message as the chat shows it. A pending or failed one has no server `id` ('') nor `seq` (0) yet. */
export interface ChatMessage extends MessageView {
  status: DeliveryStatus;
  /** Why the last send failed. */
  error?: string;
  /** The failure was a refusal that another try can't change (not friends, a file type the server won't take). */
  permanent?: boolean;
  /** A picture or video of mine not uploaded yet: how far the upload is (0..1), or that it failed. */
  upload?: UploadState;
}

export interface UploadState {
  progress: number;
  failed: boolean;
}

/** A file picked in the composer (or a recording); `previewUrl` is an object URL of it, shown until it is stored. */
export interface OutgoingAttachment {
  file: File;
  previewUrl: string;
  kind: MediaView['kind'];
  width?: number;
  height?: number;
}

/** What the person does to one message in the history; `discard` drops one that never reached the server. */
export type MessageIntent =
  | { kind: 'retry' | 'discard' | 'remove' | 'hide' | 'reply' | 'forward'; message: ChatMessage }
  | { kind: 'edit'; message: ChatMessage; text: string }
  | { kind: 'react'; message: ChatMessage; emoji: string; on: boolean }
  | { kind: 'jump'; message: ChatMessage; to: string };

/** What the person sends from the composer: a text, or a picture or video with the text as its caption. */
export interface ComposedMessage {
  text: string;
  attachment?: OutgoingAttachment;
}

/** A composed message on its way, with what the page adds; the server assigns the id. */
export interface OutgoingMessage {
  conversationId: string;
  clientId: string;
  senderId: string;
  text: string;
  createdAt: string;
  attachment?: OutgoingAttachment;
  /** The message this one replies to, quoted as it is shown now. */
  replyTo?: ReplyQuoteView;
}

/**
 * The entity key of a message. A clientId is unique per sender only, and every participant sees the other's
 * clientIds, so the sender is part of the key: nobody can overwrite someone else's message by reusing its clientId.
 */
export function messageKey(message: Pick<MessageView, 'senderId' | 'clientId'>): string {
  return `${message.senderId}:${message.clientId}`;
}

/** Stored messages in seq order (the server's order, whichever instance stored them), then unsent ones as typed. */
export function compareMessages(a: ChatMessage, b: ChatMessage): number {
  if (a.id && b.id) return a.seq - b.seq;
  if (a.id) return -1;
  if (b.id) return 1;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

/** The later of two messages: by seq, the server's order on any number of instances; null counts as "nothing yet". */
export function laterBySeq<T extends Pick<MessageView, 'seq'>>(a: T | null, b: T | null): T | null {
  if (!a) return b;
  if (!b) return a;
  return b.seq > a.seq ? b : a;
}

/** A receipt marker: the message it reaches and that message's seq; null ids mean "nothing yet". */
export interface ReceiptMark {
  id: string | null;
  seq: number | null;
}

/** The later of two receipt markers by seq (ids do not order messages across instances). */
export function laterMark(a: ReceiptMark, b: ReceiptMark): ReceiptMark {
  if (!a.id) return b;
  if (!b.id) return a;
  return (b.seq ?? 0) > (a.seq ?? 0) ? b : a;
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
  const newest = (existing.editedAt ?? '') > (incoming.editedAt ?? '') ? existing : fresh;
  return withNewerReactions(newest, existing, incoming);
}

/** The reactions of whichever copy has the higher reactions version (each change bumps it on the server). */
function withNewerReactions(message: ChatMessage, a: MessageView, b: MessageView): ChatMessage {
  const newer = (a.reactionsVersion ?? 0) > (b.reactionsVersion ?? 0) ? a : b;
  if (message.reactionsVersion === newer.reactionsVersion && message.reactions === newer.reactions) return message;
  const { reactions: _reactions, reactionsVersion: _version, ...rest } = message;
  return {
    ...rest,
    ...(newer.reactions ? { reactions: newer.reactions } : {}),
    ...(newer.reactionsVersion ? { reactionsVersion: newer.reactionsVersion } : {}),
  };
}

export function pendingMessage(outgoing: OutgoingMessage): ChatMessage {
  const { conversationId, clientId, senderId, text, createdAt, attachment, replyTo } = outgoing;
  const message: ChatMessage = {
    id: '',
    conversationId,
    seq: 0,
    clientId,
    senderId,
    kind: 'text',
    text,
    createdAt,
    status: 'pending',
    ...(replyTo ? { replyTo } : {}),
  };
  if (!attachment) return message;
  const { file, previewUrl, kind, width, height } = attachment;
  // Shown from the local file until the server's copy arrives; the id is filled in once the upload is stored.
  const media: MediaView = { id: '', kind, mime: file.type, size: file.size, width, height, url: previewUrl };
  if (kind === 'image') media.thumbUrl = previewUrl;
  if (kind === 'file' || kind === 'audio') media.name = file.name;
  return { ...message, kind, text: text || undefined, media, upload: { progress: 0, failed: false } };
}

/** What goes over the socket for a send: a text, or a stored picture or video with an optional caption. */
export interface SendRequest {
  conversationId: string;
  clientId: string;
  senderId: string;
  text?: string;
  mediaId?: string;
  replyToId?: string;
}

export function sendRequestOf(
  message: Pick<ChatMessage, 'conversationId' | 'clientId' | 'senderId' | 'text' | 'media' | 'replyTo'>,
): SendRequest {
  const { conversationId, clientId, senderId, text, media, replyTo } = message;
  const request: SendRequest = { conversationId, clientId, senderId };
  if (text) request.text = text;
  if (media?.id) request.mediaId = media.id;
  if (replyTo) request.replyToId = replyTo.id;
  return request;
}
