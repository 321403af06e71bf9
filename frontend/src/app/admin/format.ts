import type { AuditEntryView } from '@contracts/users';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 KB" ("1,5 KB" in German; binary multiples, as file managers show them). */
export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits)).toLocaleString(locale)} ${UNITS[unit]}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "2 min ago", "3 h ago", "yesterday", "5 days ago", then the date in `locale`. */
export function timeAgo(iso: string, now: number, locale: string): string {
  const ago = Math.max(0, now - Date.parse(iso));
  if (Number.isNaN(ago)) return '';
  if (ago < MINUTE) return $localize`:@@admin.ago.justNow:just now`;
  if (ago < HOUR) return $localize`:@@admin.ago.minutes:${Math.floor(ago / MINUTE)}:minutes: min ago`;
  if (ago < DAY) return $localize`:@@admin.ago.hours:${Math.floor(ago / HOUR)}:hours: h ago`;
  const days = Math.floor(ago / DAY);
  if (days === 1) return $localize`:@@admin.ago.yesterday:yesterday`;
  if (days < 7) return $localize`:@@admin.ago.days:${days}:days: days ago`;
  const date = new Date(iso);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: sameYear ? undefined : 'numeric' });
}

/** A calendar date in `locale`: "3 Mar 2026". */
export function formatDate(iso: string, locale: string): string {
  return new Date(iso).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** "Ada banned Bob", "Ada made Bob an admin", "The identity provider created Bob", … */
export function describeAuditEntry({ action, actor, target, details }: AuditEntryView): string {
  const who =
    actor?.displayName ??
    (details['via'] === 'scim'
      ? $localize`:@@admin.audit.identityProvider:The identity provider`
      : $localize`:@@admin.audit.system:The system`);
  const whom = target?.displayName ?? $localize`:@@admin.audit.anAccount:an account`;
  const url = typeof details['url'] === 'string' ? details['url'] : $localize`:@@admin.audit.anEndpoint:an endpoint`;
  switch (action) {
    case 'user.invited': {
      const roles = Array.isArray(details['roles']) ? details['roles'] : [];
      return roles.includes('admin')
        ? $localize`:@@admin.audit.invitedAdmin:${who}:who: invited ${whom}:whom: as an admin`
        : $localize`:@@admin.audit.invited:${who}:who: invited ${whom}:whom:`;
    }
    case 'user.banned':
      return actor
        ? $localize`:@@admin.audit.banned:${who}:who: banned ${whom}:whom:`
        : $localize`:@@admin.audit.deactivated:${who}:who: deactivated ${whom}:whom:`;
    case 'user.erased':
      return details['via'] === 'self'
        ? $localize`:@@admin.audit.deletedOwn:A user deleted their account`
        : $localize`:@@admin.audit.erased:${who}:who: erased an account`;
    case 'user.unbanned':
      return actor
        ? $localize`:@@admin.audit.unbanned:${who}:who: unbanned ${whom}:whom:`
        : $localize`:@@admin.audit.reactivated:${who}:who: reactivated ${whom}:whom:`;
    case 'user.provisioned':
      return $localize`:@@admin.audit.provisioned:${who}:who: created ${whom}:whom:`;
    case 'user.updated':
      return $localize`:@@admin.audit.updated:${who}:who: updated ${whom}:whom:`;
    case 'token.created':
      return $localize`:@@admin.audit.tokenCreated:${who}:who: created a service token for ${whom}:whom:`;
    case 'token.revoked':
      return $localize`:@@admin.audit.tokenRevoked:${who}:who: revoked a service token of ${whom}:whom:`;
    case 'user.roles_changed': {
      const to = Array.isArray(details['to']) ? details['to'] : [];
      return to.includes('admin')
        ? $localize`:@@admin.audit.madeAdmin:${who}:who: made ${whom}:whom: an admin`
        : $localize`:@@admin.audit.removedAdmin:${who}:who: removed ${whom}:whom: as admin`;
    }
    case 'webhook.created':
      return $localize`:@@admin.audit.webhookCreated:${who}:who: added the webhook ${url}:url:`;
    case 'webhook.deleted':
      return $localize`:@@admin.audit.webhookDeleted:${who}:who: removed the webhook ${url}:url:`;
    case 'webhook.paused':
      return $localize`:@@admin.audit.webhookPaused:${who}:who: paused the webhook ${url}:url: after repeated failures`;
    case 'webhook.resumed':
      return $localize`:@@admin.audit.webhookResumed:${who}:who: resumed the webhook ${url}:url:`;
    case 'hold.placed':
      return target
        ? $localize`:@@admin.hold.auditPlacedUser:${who}:who: placed a legal hold on ${whom}:whom:`
        : $localize`:@@admin.hold.auditPlacedConversation:${who}:who: placed a legal hold on a conversation`;
    case 'hold.released':
      return target
        ? $localize`:@@admin.hold.auditReleasedUser:${who}:who: released the legal hold on ${whom}:whom:`
        : $localize`:@@admin.hold.auditReleasedConversation:${who}:who: released the legal hold on a conversation`;
    case 'retention.ran':
      return $localize`:@@admin.retention.audit:${who}:who: removed ${Number(details['removed'] ?? 0)}:count: messages past retention`;
    case 'export.downloaded':
      return $localize`:@@admin.export.audit:${who}:who: downloaded a compliance export`;
    default:
      return $localize`:@@admin.audit.changed:${who}:who: changed ${whom}:whom:`;
  }
}

/** "Mar 3" ("3. März" in German) for a UTC day 'YYYY-MM-DD' (the stats count days in UTC). */
export function formatDay(
  day: string,
  locale: string,
  options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' },
): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(locale, { ...options, timeZone: 'UTC' });
}
