import { dayKey, dayLabel } from '../chat-format';
import type { ChatMessage } from '../chat-models';

/** Messages from one sender this close together share a group (one time stamp, tight spacing). */
const GROUP_GAP_MS = 5 * 60_000;

export type ThreadItem =
  | { kind: 'day'; key: string; label: string }
  /** "New messages": before the first message that was unread when the conversation was opened. */
  | { kind: 'unread'; key: string }
  /** A group's system line ("Ada added Ben"): centred, and it ends the run before it. */
  | { kind: 'system'; key: string; message: ChatMessage }
  | {
      kind: 'message';
      key: string;
      message: ChatMessage;
      mine: boolean;
      /** First of a run of messages by the same sender. */
      first: boolean;
      /** Last of the run: shows the time. */
      last: boolean;
    };

/**
 * The message list as drawn: a separator before each new day, messages grouped by sender, and "New messages" before
 * the message keyed `firstUnreadKey`.
 */
export function threadItems(
  messages: readonly ChatMessage[],
  me: string | null,
  now: number,
  locale: string,
  firstUnreadKey: string | null = null,
): ThreadItem[] {
  const items: ThreadItem[] = [];
  let previous: ChatMessage | null = null;
  let previousItem: Extract<ThreadItem, { kind: 'message' }> | null = null;
  for (const message of messages) {
    const day = dayKey(message.createdAt);
    const newDay = !previous || dayKey(previous.createdAt) !== day;
    if (newDay) items.push({ kind: 'day', key: `day-${day}`, label: dayLabel(message.createdAt, now, locale) });
    const key = `${message.senderId}:${message.clientId}`;
    if (message.kind === 'system') {
      if (previousItem) previousItem.last = true;
      items.push({ kind: 'system', key, message });
      previous = message;
      previousItem = null;
      continue;
    }
    const continues =
      !newDay &&
      previous !== null &&
      previous.kind !== 'system' &&
      previous.senderId === message.senderId &&
      Date.parse(message.createdAt) - Date.parse(previous.createdAt) < GROUP_GAP_MS;
    const unread = key === firstUnreadKey;
    if (previousItem && (!continues || unread)) previousItem.last = true;
    if (unread) items.push({ kind: 'unread', key: 'unread' });
    const item = {
      kind: 'message' as const,
      key,
      message,
      mine: message.senderId === me,
      first: !continues || unread,
      last: false,
    };
    items.push(item);
    previous = message;
    previousItem = item;
  }
  if (previousItem) previousItem.last = true;
  return items;
}
