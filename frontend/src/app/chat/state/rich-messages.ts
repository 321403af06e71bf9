import type { MessageReactionsView, MessageView, ReactionView } from '@contracts/messages';

import type { ChatMessage } from '../chat-models';

/** The messages of a thread, by key; what the reducers below change. */
type Entities = Record<string, ChatMessage | undefined>;

/** The entities with `change` applied to those it returns a new message for; the same object when none changed. */
function mapEntities(entities: Entities, change: (message: ChatMessage) => ChatMessage | null): Entities {
  let changed: Entities | null = null;
  for (const [key, message] of Object.entries(entities)) {
    const next = message && change(message);
    if (next) (changed ??= { ...entities })[key] = next;
  }
  return changed ?? entities;
}

/** The message with `reactions` (none: the field goes). */
function reacted(message: ChatMessage, reactions: ReactionView[]): ChatMessage {
  const { reactions: _old, ...rest } = message;
  return reactions.length ? { ...rest, reactions } : rest;
}

/**
 * The message's reactions as the server now has them. Views may arrive out of order (two instances tell two changes),
 * so one no newer than what is shown is ignored; a deleted message has no reactions.
 */
export function withReactions(
  entities: Entities,
  { messageId, reactions, version }: Pick<MessageReactionsView, 'messageId' | 'reactions' | 'version'>,
): Entities {
  return mapEntities(entities, (message) => {
    if (message.id !== messageId || message.deletedAt || version <= (message.reactionsVersion ?? 0)) return null;
    return { ...reacted(message, reactions), reactionsVersion: version };
  });
}

/**
 * My reaction with `emoji` set (`on`) or taken back, shown before the server confirms it, and set back the same way
 * when it refuses: the server's version is left as it is, so its answer replaces this guess.
 */
export function withMyReaction(
  entities: Entities,
  messageId: string,
  me: string,
  emoji: string,
  on: boolean,
): Entities {
  return mapEntities(entities, (message) => {
    if (message.id !== messageId || message.deletedAt) return null;
    const reactions = message.reactions ?? [];
    const has = reactions.some((reaction) => reaction.emoji === emoji && reaction.userIds.includes(me));
    if (has === on) return null;
    const next = on
      ? reactions.some((reaction) => reaction.emoji === emoji)
        ? reactions.map((reaction) =>
            reaction.emoji === emoji ? { ...reaction, userIds: [...reaction.userIds, me] } : reaction,
          )
        : [...reactions, { emoji, userIds: [me] }]
      : reactions
          .map((reaction) =>
            reaction.emoji === emoji ? { ...reaction, userIds: reaction.userIds.filter((id) => id !== me) } : reaction,
          )
          .filter((reaction) => reaction.userIds.length > 0);
    return reacted(message, next);
  });
}

/** Replies quoting `original` show its edit, or that it was deleted. */
export function withQuotesOf(entities: Entities, original: Pick<MessageView, 'id' | 'text' | 'deletedAt'>): Entities {
  return mapEntities(entities, (message) => {
    const quote = message.replyTo;
    if (quote?.id !== original.id) return null;
    if (original.deletedAt) {
      const { text: _text, ...rest } = quote;
      return { ...message, replyTo: { ...rest, deletedAt: original.deletedAt } };
    }
    // A quote without text is one I may not read (or a picture without a caption): an edit does not change that.
    return quote.text === undefined || quote.text === original.text
      ? null
      : { ...message, replyTo: { ...quote, text: original.text } };
  });
}

/** I deleted `originalId` for myself: replies quoting it show it like an original I may not read. */
export function withQuotesHidden(entities: Entities, originalId: string): Entities {
  return mapEntities(entities, (message) => {
    const quote = message.replyTo;
    if (quote?.id !== originalId || quote.text === undefined) return null;
    const { text: _text, ...rest } = quote;
    return { ...message, replyTo: rest };
  });
}
