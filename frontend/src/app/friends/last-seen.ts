const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "online", "last seen just now", "last seen 5 min ago", … for a friend's presence at time `now`. */
export function presenceLabel(online: boolean, lastSeenAt: string | null, now: number): string {
  if (online) return 'online';
  if (!lastSeenAt) return 'offline';
  const ago = Math.max(0, now - Date.parse(lastSeenAt));
  if (Number.isNaN(ago)) return 'offline';
  if (ago < MINUTE) return 'last seen just now';
  if (ago < HOUR) return `last seen ${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `last seen ${Math.floor(ago / HOUR)} h ago`;
  const days = Math.floor(ago / DAY);
  if (days === 1) return 'last seen yesterday';
  if (days < 7) return `last seen ${days} days ago`;
  const date = new Date(lastSeenAt);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return `last seen ${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: sameYear ? undefined : 'numeric' })}`;
}
