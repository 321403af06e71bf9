import type { Types } from 'mongoose';

import type { MessageView, ReactionView, ReplyQuoteView } from '../contracts/messages';
import { toMediaView } from '../media/media.mapper';
import type { LastMessage } from './schemas/conversation.schema';
import type { Message } from './schemas/message.schema';

export type MessageLike = Omit<Message, 'conversationId' | 'applied' | 'media' | 'hiddenFor'> & {
  media?: Message['media'];
  _id: { toString(): string };
  conversationId: { toString(): string };
};

/** `replyTo`: the quote of the message it replies to, resolved by MessageViews. */
export function toMessageView(message: MessageLike, replyTo?: ReplyQuoteView): MessageView {
  const base = {
    id: message._id.toString(),
    conversationId: message.conversationId.toString(),
    seq: message.seq,
    senderId: message.senderId.toString(),
    clientId: message.clientId,
    kind: message.kind,
    createdAt: message.createdAt.toISOString(),
  };
  if (message.deletedAt) return { ...base, deletedAt: message.deletedAt.toISOString() };
  return {
    ...base,
    ...(message.text !== null ? { text: message.text } : {}),
    ...(message.media
      ? {
          media: toMediaView({
            _id: message.media.id,
            kind: message.media.kind,
            mime: message.media.mime,
            size: message.media.size,
            name: message.media.name,
            width: message.media.width,
            height: message.media.height,
            thumbKey: message.media.hasThumb ? 'thumb' : null,
          }),
        }
      : {}),
    ...(message.mediaRemoved ? { mediaRemoved: true } : {}),
    ...(message.system
      ? {
          system: {
            event: message.system.event,
            actorId: message.system.actorId.toString(),
            ...(message.system.targetIds ? { targetIds: message.system.targetIds.map(String) } : {}),
            ...(message.system.name !== undefined && message.system.name !== null ? { name: message.system.name } : {}),
          },
        }
      : {}),
    ...(message.editedAt ? { editedAt: message.editedAt.toISOString() } : {}),
    ...(replyTo ? { replyTo } : {}),
    ...(message.forwarded ? { forwarded: true } : {}),
    ...withReactions(message.reactions),
    ...(message.reactionsVersion ? { reactionsVersion: message.reactionsVersion } : {}),
  };
}

/** The reactions someone still has (a DELETE may leave an emptied entry until it is pulled). */
export function toReactionViews(reactions: Message['reactions']): ReactionView[] {
  return (reactions ?? [])
    .filter((reaction) => reaction.userIds.length > 0)
    .map((reaction) => ({ emoji: reaction.emoji, userIds: reaction.userIds.map(String) }));
}

function withReactions(reactions: Message['reactions']): { reactions?: ReactionView[] } {
  const views = toReactionViews(reactions);
  return views.length ? { reactions: views } : {};
}

/** What a reply shows of its original; `readable` false leaves out the content the reader may not see. */
export function toReplyQuote(original: MessageLike, readable: boolean): ReplyQuoteView {
  const quote: ReplyQuoteView = {
    id: original._id.toString(),
    senderId: original.senderId.toString(),
    kind: original.kind,
  };
  if (original.deletedAt) return { ...quote, deletedAt: original.deletedAt.toISOString() };
  return readable && original.text !== null ? { ...quote, text: original.text } : quote;
}

export function toLastMessage(message: Message & { _id: Types.ObjectId }): LastMessage {
  return {
    id: message._id,
    seq: message.seq,
    senderId: message.senderId,
    clientId: message.clientId,
    kind: message.kind,
    text: message.deletedAt ? null : message.text,
    media: message.deletedAt ? null : message.media,
    createdAt: message.createdAt,
    editedAt: message.editedAt,
    deletedAt: message.deletedAt,
    ...(message.system ? { system: message.system } : {}),
    ...(message.hiddenFor?.length ? { hiddenFor: message.hiddenFor } : {}),
  };
}

export function lastMessageView(last: LastMessage, conversationId: string): MessageView {
  // `last` is a Mongoose subdocument: spread would copy its internals, not its fields.
  const { id, seq, senderId, clientId, kind, text, media, createdAt, editedAt, deletedAt, system } = last;
  return toMessageView({
    _id: id,
    conversationId,
    seq,
    senderId,
    clientId,
    kind,
    text,
    media,
    createdAt,
    editedAt,
    deletedAt,
    system,
  });
}
