import type { MessageView, ReactionView } from '@contracts/messages';

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

/** The message's reactions as the server now has them. */
export function withReactions(entities: Entities, messageId: string, reactions: ReactionView[]): Entities {
  return mapEntities(entities, (message) => {
    if (message.id !== messageId) return null;
    const { reactions: _old, ...rest } = message;
    return reactions.length ? { ...rest, reactions } : rest;
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
