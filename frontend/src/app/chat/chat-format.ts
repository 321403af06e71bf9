import type { ConversationView, MediaKind } from '@contracts/messages';
import type { PublicUser } from '@contracts/users';

import { nameIn } from './conversation-people';
import { systemSentence } from './group-text';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Every function that words a date takes the app's LOCALE_ID (the language the page is in), not the browser's.
const FORMATS = {
  time: { hour: 'numeric', minute: '2-digit' },
  weekday: { weekday: 'short' },
  shortDate: { day: 'numeric', month: 'short' },
  longDate: { weekday: 'long', day: 'numeric', month: 'long' },
  fullDate: { day: 'numeric', month: 'long', year: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();

function format(iso: string, locale: string, kind: keyof typeof FORMATS): string {
  const key = `${locale} ${kind}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(locale, FORMATS[kind])));
  return formatter.format(new Date(iso));
}

/** Local calendar day, for grouping and "Today". */
export function dayKey(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

function daysBetween(iso: string, now: number): number {
  const start = (value: number | string) => new Date(new Date(value).toDateString()).getTime();
  return Math.round((start(now) - start(iso)) / DAY);
}

export function timeLabel(iso: string, locale: string): string {
  return format(iso, locale, 'time');
}

/** The chat list's time: "14:05" today, "Mon" this week, "3 Mar" before. */
export function listTimeLabel(iso: string, now: number, locale: string): string {
  const days = daysBetween(iso, now);
  if (days <= 0) return timeLabel(iso, locale);
  return format(iso, locale, days < 7 ? 'weekday' : 'shortDate');
}

/** A day separator: "Today", "Yesterday", "Monday, 3 March", or a full date for another year. */
export function dayLabel(iso: string, now: number, locale: string): string {
  const days = daysBetween(iso, now);
  if (days <= 0) return $localize`:@@chat.day.today:Today`;
  if (days === 1) return $localize`:@@chat.day.yesterday:Yesterday`;
  return format(iso, locale, new Date(iso).getFullYear() === new Date(now).getFullYear() ? 'longDate' : 'fullDate');
}

/**
 * The chat list's preview of the last message: "You: …" for mine; in a group "Ada: …" for someone else's, and a
 * system line as its sentence ("You were removed").
 */
export function previewText(conversation: ConversationView, me: string | null, locale: string): string {
  const last = conversation.lastMessage;
  if (!last) return $localize`:@@chat.preview.empty:No messages yet`;
  if (last.system) return systemSentence(last.system, (id) => nameIn(conversation, id), me, locale);
  if (last.deletedAt) return $localize`:@@chat.message.deleted:Message deleted`;
  const caption = (last.text ?? '').replace(/\s+/g, ' ').trim();
  // The chat list's copy of the last message (after a reload) carries its kind, not the media itself.
  const kind = last.media?.kind ?? last.kind;
  const media = kind === 'text' || kind === 'system' ? '' : mediaPreview(kind, last.media?.name);
  const text = media && caption ? `${media}: ${caption}` : media || caption;
  if (last.senderId === me) return $localize`:@@chat.preview.mine:You: ${text}:text:`;
  return conversation.participant ? text : `${nameIn(conversation, last.senderId)}: ${text}`;
}

/** "Photo", "Video", "Document" or "Voice message", for previews and announcements. */
export function mediaLabel(kind: MediaKind): string {
  switch (kind) {
    case 'image':
      return $localize`:@@chat.media.photo:Photo`;
    case 'video':
      return $localize`:@@chat.media.video:Video`;
    case 'file':
      return $localize`:@@chat.files.document:Document`;
    case 'audio':
      return $localize`:@@chat.files.voiceMessage:Voice message`;
  }
}

/** "📄 report.pdf", "🎤 Voice message", "Photo": the chat list's words for a message's media. */
export function mediaPreview(kind: MediaKind, name?: string): string {
  if (kind === 'file') return `📄 ${name || mediaLabel(kind)}`;
  if (kind === 'audio') return `🎤 ${mediaLabel(kind)}`;
  return mediaLabel(kind);
}

/** "Online", "Last seen 5 min ago", …; empty when presence is not shared (not friends nor conversation partners). */
export function presenceText(person: PublicUser, now: number, locale: string): string {
  if (person.online && person.away) return $localize`:@@chat.presence.away:Away`;
  if (person.online) return $localize`:@@chat.presence.online:Online`;
  if (person.online === undefined || !person.lastSeenAt) {
    return person.online === false ? $localize`:@@chat.presence.offline:Offline` : '';
  }
  const ago = Math.max(0, now - Date.parse(person.lastSeenAt));
  if (ago < MINUTE) return $localize`:@@chat.presence.justNow:Last seen just now`;
  if (ago < HOUR) return $localize`:@@chat.presence.minutesAgo:Last seen ${Math.floor(ago / MINUTE)}:minutes: min ago`;
  const days = daysBetween(person.lastSeenAt, now);
  const time = timeLabel(person.lastSeenAt, locale);
  if (days === 0) return $localize`:@@chat.presence.today:Last seen today at ${time}:time:`;
  if (days === 1) return $localize`:@@chat.presence.yesterday:Last seen yesterday at ${time}:time:`;
  return $localize`:@@chat.presence.date:Last seen ${format(person.lastSeenAt, locale, 'shortDate')}:date:`;
}
