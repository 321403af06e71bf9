import type { AdminStats, AdminUserView, AuditEntryView, PublicUser } from '@contracts/users';

/** Builders for the admin specs. */
export function buildAdminUser(overrides: Partial<AdminUserView> = {}): AdminUserView {
  return {
    id: 'u-bob',
    username: 'bob',
    displayName: 'Bob Builder',
    avatarUrl: null,
    bio: '',
    email: 'bob@example.com',
    online: false,
    roles: ['user'],
    status: 'active',
    lastSeenAt: '2026-03-14T11:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function buildPublicUser(overrides: Partial<PublicUser>): PublicUser {
  return { id: 'u-x', username: 'x', displayName: 'X', avatarUrl: null, bio: '', ...overrides };
}

export function buildAuditEntry(overrides: Partial<AuditEntryView> = {}): AuditEntryView {
  return {
    id: 'a-1',
    action: 'user.banned',
    actor: buildPublicUser({ id: 'u-ada', username: 'ada', displayName: 'Ada' }),
    target: buildPublicUser({ id: 'u-bob', username: 'bob', displayName: 'Bob' }),
    details: {},
    at: '2026-03-14T11:58:00.000Z',
    ...overrides,
  };
}

/** 14 days ending 2026-03-14, with `counts` (oldest first; missing days are 0). */
export function buildStats(counts: number[] = [], overrides: Partial<AdminStats> = {}): AdminStats {
  const messagesPerDay = Array.from({ length: 14 }, (_, i) => ({
    day: `2026-03-${String(i + 1).padStart(2, '0')}`,
    count: counts[i] ?? 0,
  }));
  return {
    users: 42,
    onlineNow: 3,
    messagesToday: messagesPerDay[13].count,
    messagesPerDay,
    media: { count: 7, bytes: 1536 },
    ...overrides,
  };
}
