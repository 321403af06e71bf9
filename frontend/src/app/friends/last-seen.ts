const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const ONLINE_LABEL = $localize`:@@friends.presence.online:online`;

/** "online", "last seen just now", "last seen 5 min ago", … for a friend's presence at time `now`, in `locale`. */
export function presenceLabel(online: boolean, lastSeenAt: string | null, now: number, locale: string): string {
  if (online) return ONLINE_LABEL;
  if (!lastSeenAt) return $localize`:@@friends.presence.offline:offline`;
  const ago = Math.max(0, now - Date.parse(lastSeenAt));
  if (Number.isNaN(ago)) return $localize`:@@friends.presence.offline:offline`;
  if (ago < MINUTE) return $localize`:@@friends.presence.justNow:last seen just now`;
  if (ago < HOUR) return $localize`:@@friends.presence.minutes:last seen ${Math.floor(ago / MINUTE)}:minutes: min ago`;
  if (ago < DAY) return $localize`:@@friends.presence.hours:last seen ${Math.floor(ago / HOUR)}:hours: h ago`;
  const days = Math.floor(ago / DAY);
  if (days === 1) return $localize`:@@friends.presence.yesterday:last seen yesterday`;
  if (days < 7) return $localize`:@@friends.presence.days:last seen ${days}:days: days ago`;
  const sameYear = new Date(lastSeenAt).getFullYear() === new Date(now).getFullYear();
  const format = { day: 'numeric', month: 'short', year: sameYear ? undefined : 'numeric' } as const;
  const date = new Date(lastSeenAt).toLocaleDateString(locale, format);
  return $localize`:@@friends.presence.date:last seen ${date}:date:`;
}
