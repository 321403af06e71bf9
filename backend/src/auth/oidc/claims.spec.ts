import { type Claims, rolesAt, verifiedEmailOf } from './claims';

const claims = (extra: Record<string, unknown>): Claims => ({ sub: 'sub-1', ...extra });

describe('verifiedEmailOf', () => {
  it.each([
    [{ email: 'Ada@Acme.com', email_verified: true }, 'ada@acme.com'],
    [{ email: 'ada@acme.com', email_verified: 'true' }, 'ada@acme.com'],
    [{ email: 'ada@acme.com', xms_edov: true }, 'ada@acme.com'],
    [{ email: 'ada@acme.com', email_verified: false, xms_edov: true }, 'ada@acme.com'],
  ])('takes the address the IdP vouches for: %j', (input, expected) => {
    expect(verifiedEmailOf(claims(input))).toBe(expected);
  });

  it.each([
    { email: 'ada@acme.com' },
    { email: 'ada@acme.com', email_verified: false },
    { email: 'ada@acme.com', xms_edov: false },
    { email: 'ada@acme.com', xms_edov: 1 },
    { email: 'not an address', email_verified: true },
    { email_verified: true },
  ])('refuses an address nobody vouches for: %j', (input) => {
    expect(verifiedEmailOf(claims(input))).toBeNull();
  });
});

describe('rolesAt', () => {
  it('reads a dot path, a space-separated string, and nothing from a missing path', () => {
    expect(rolesAt(claims({ realm_access: { roles: ['chat-admin', 7] } }), 'realm_access.roles')).toEqual([
      'chat-admin',
    ]);
    expect(rolesAt(claims({ roles: 'a b' }), 'roles')).toEqual(['a', 'b']);
    expect(rolesAt(claims({}), 'realm_access.roles')).toEqual([]);
  });
});
