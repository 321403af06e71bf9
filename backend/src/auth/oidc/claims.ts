/** The claims of the ID token merged with the userinfo answer (userinfo wins). */
export type Claims = Record<string, unknown> & { sub: string };

/** The value at a dot path such as "realm_access.roles", as a list of strings (a space-separated string too). */
export function rolesAt(claims: Claims, path: string): string[] {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    value =
      value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as never)[key] : undefined;
  }
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return Array.isArray(value) ? value.filter((role): role is string => typeof role === 'string') : [];
}

/**
 * The address, lowercased, only when the IdP says it verified it: `email_verified`, or Microsoft Entra ID's optional
 * `xms_edov` claim ("the e-mail's domain owner is verified"), since Entra never sends `email_verified`.
 */
export function verifiedEmailOf(claims: Claims): string | null {
  const { email } = claims;
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) return null;
  const verified = [claims.email_verified, claims.xms_edov].some((flag) => flag === true || flag === 'true');
  return verified ? email.trim().toLowerCase() : null;
}

/** A display name from the usual claims, within the 1 to 50 characters a display name may have. */
export function displayNameOf(claims: Claims, fallback: string): string {
  const candidates = [claims.name, [claims.given_name, claims.family_name].filter(Boolean).join(' '), fallback];
  const name = candidates.find((value): value is string => typeof value === 'string' && value.trim() !== '');
  return (name ?? fallback).trim().slice(0, 50);
}

/** What a new account's username is made from: preferred_username (without any "@domain"), else the address. */
export function usernameBaseOf(claims: Claims, email: string): string {
  const preferred = typeof claims.preferred_username === 'string' ? claims.preferred_username : '';
  return (preferred || email).split('@')[0];
}
