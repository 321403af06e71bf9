import type { AuditEntryView } from '@contracts/users';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 KB" (binary multiples, as file managers show them). */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits)).toLocaleString('en')} ${UNITS[unit]}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "2 min ago", "3 h ago", "yesterday", "5 days ago", then the date. */
export function timeAgo(iso: string, now: number): string {
  const ago = Math.max(0, now - Date.parse(iso));
  if (Number.isNaN(ago)) return '';
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  const days = Math.floor(ago / DAY);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  const date = new Date(iso);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: sameYear ? undefined : 'numeric' });
}

/** "Ada banned Bob", "Ada made Bob an admin", "The identity provider created Bob", … */
export function describeAuditEntry({ action, actor, target, details }: AuditEntryView): string {
  const who = actor?.displayName ?? (details['via'] === 'scim' ? 'The identity provider' : 'The system');
  const whom = target?.displayName ?? 'an account';
  const url = typeof details['url'] === 'string' ? details['url'] : 'an endpoint';
  switch (action) {
    case 'user.invited': {
      const roles = Array.isArray(details['roles']) ? details['roles'] : [];
      return roles.includes('admin') ? `${who} invited ${whom} as an admin` : `${who} invited ${whom}`;
    }
    case 'user.banned':
      return actor ? `${who} banned ${whom}` : `${who} deactivated ${whom}`;
    case 'user.erased':
      return details['via'] === 'self' ? 'A user deleted their account' : `${who} erased an account`;
    case 'user.unbanned':
      return actor ? `${who} unbanned ${whom}` : `${who} reactivated ${whom}`;
    case 'user.provisioned':
      return `${who} created ${whom}`;
    case 'user.updated':
      return `${who} updated ${whom}`;
    case 'token.created':
      return `${who} created a service token for ${whom}`;
    case 'token.revoked':
      return `${who} revoked a service token of ${whom}`;
    case 'user.roles_changed': {
      const to = Array.isArray(details['to']) ? details['to'] : [];
      return to.includes('admin') ? `${who} made ${whom} an admin` : `${who} removed ${whom} as admin`;
    }
    case 'webhook.created':
      return `${who} added the webhook ${url}`;
    case 'webhook.deleted':
      return `${who} removed the webhook ${url}`;
    case 'webhook.paused':
      return `${who} paused the webhook ${url} after repeated failures`;
    case 'webhook.resumed':
      return `${who} resumed the webhook ${url}`;
    default:
      return `${who} changed ${whom}`;
  }
}

/** "Mar 3" for a UTC day 'YYYY-MM-DD' (the stats count days in UTC). */
export function formatDay(day: string, options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' }) {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { ...options, timeZone: 'UTC' });
}
