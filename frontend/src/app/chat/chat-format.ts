import type { ConversationView } from '@contracts/messages';
import type { PublicUser } from '@contracts/users';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const longDate = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const fullDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

/** Local calendar day, for grouping and "Today". */
export function dayKey(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

function daysBetween(iso: string, now: number): number {
  const start = (value: number | string) => new Date(new Date(value).toDateString()).getTime();
  return Math.round((start(now) - start(iso)) / DAY);
}

export function timeLabel(iso: string): string {
  return time.format(new Date(iso));
}

/** The chat list's time: "14:05" today, "Mon" this week, "3 Mar" before. */
export function listTimeLabel(iso: string, now: number): string {
  const days = daysBetween(iso, now);
  if (days <= 0) return timeLabel(iso);
  if (days < 7) return weekday.format(new Date(iso));
  return shortDate.format(new Date(iso));
}

/** A day separator: "Today", "Yesterday", "Monday, 3 March", or a full date for another year. */
export function dayLabel(iso: string, now: number): string {
  const days = daysBetween(iso, now);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return new Date(iso).getFullYear() === new Date(now).getFullYear()
    ? longDate.format(new Date(iso))
    : fullDate.format(new Date(iso));
}

/** The chat list's preview of the last message. */
export function previewText(conversation: ConversationView, me: string | null): string {
  const last = conversation.lastMessage;
  if (!last) return 'No messages yet';
  if (last.deletedAt) return 'Message deleted';
  const caption = (last.text ?? '').replace(/\s+/g, ' ').trim();
  const media = last.media ? (last.media.kind === 'image' ? 'Photo' : 'Video') : '';
  const text = media && caption ? `${media}: ${caption}` : media || caption;
  return last.senderId === me ? `You: ${text}` : text;
}

/** "Online", "Last seen 5 min ago", …; empty when presence is not shared (not friends nor conversation partners). */
export function presenceText(person: PublicUser, now: number): string {
  if (person.online && person.away) return $localize`:@@chat.presence.away:Away`;
  if (person.online) return 'Online';
  if (person.online === undefined || !person.lastSeenAt) return person.online === false ? 'Offline' : '';
  const ago = Math.max(0, now - Date.parse(person.lastSeenAt));
  if (ago < MINUTE) return 'Last seen just now';
  if (ago < HOUR) return `Last seen ${Math.floor(ago / MINUTE)} min ago`;
  const days = daysBetween(person.lastSeenAt, now);
  if (days === 0) return `Last seen today at ${timeLabel(person.lastSeenAt)}`;
  if (days === 1) return `Last seen yesterday at ${timeLabel(person.lastSeenAt)}`;
  return `Last seen ${shortDate.format(new Date(person.lastSeenAt))}`;
}
