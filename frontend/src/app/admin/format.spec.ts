import type { AuditEntryView } from '@contracts/users';

import { describeAuditEntry, formatBytes, timeAgo } from './format';
import { buildAuditEntry } from './testing';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1536, '1.5 KB'],
    [10 * 1024 * 1024, '10 MB'],
    [123.4 * 1024 ** 3, '123 GB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes, 'en-US')).toBe(text);
  });
});

it('formats sizes in the given locale', () => {
  expect(formatBytes(1536, 'de')).toBe('1,5 KB');
});

describe('timeAgo', () => {
  const now = Date.parse('2026-03-14T12:00:00Z');
  it.each([
    ['2026-03-14T11:59:30Z', 'just now'],
    ['2026-03-14T11:58:00Z', '2 min ago'],
    ['2026-03-14T09:00:00Z', '3 h ago'],
    ['2026-03-13T10:00:00Z', 'yesterday'],
    ['2026-03-09T12:00:00Z', '5 days ago'],
  ])('%s → %s', (iso, text) => {
    expect(timeAgo(iso, now, 'en-US')).toBe(text);
  });
});

describe('describeAuditEntry', () => {
  it.each<[Partial<AuditEntryView>, string]>([
    [{ action: 'user.invited', details: { roles: ['user'] } }, 'Ada invited Bob'],
    [{ action: 'user.invited', details: { roles: ['user', 'admin'] } }, 'Ada invited Bob as an admin'],
    [{ action: 'user.banned' }, 'Ada banned Bob'],
    [{ action: 'user.unbanned' }, 'Ada unbanned Bob'],
    [{ action: 'user.roles_changed', details: { from: ['user'], to: ['user', 'admin'] } }, 'Ada made Bob an admin'],
    [{ action: 'user.roles_changed', details: { from: ['user', 'admin'], to: ['user'] } }, 'Ada removed Bob as admin'],
    [{ action: 'user.provisioned', actor: null, details: { via: 'scim' } }, 'The identity provider created Bob'],
    [{ action: 'token.created' }, 'Ada created a service token for Bob'],
    [{ action: 'token.revoked' }, 'Ada revoked a service token of Bob'],
    [{ action: 'user.updated', actor: null, details: { via: 'scim' } }, 'The identity provider updated Bob'],
    [{ action: 'user.banned', actor: null, details: { via: 'scim' } }, 'The identity provider deactivated Bob'],
    [{ action: 'user.unbanned', actor: null, details: { via: 'scim' } }, 'The identity provider reactivated Bob'],
    [{ action: 'user.erased', details: { via: 'admin' } }, 'Ada erased an account'],
    [{ action: 'user.erased', details: { via: 'self' } }, 'A user deleted their account'],
    [{ action: 'user.erased', actor: null, details: { via: 'scim' } }, 'The identity provider erased an account'],
  ])('%o → %s', (overrides, text) => {
    expect(describeAuditEntry(buildAuditEntry(overrides))).toBe(text);
  });
});
