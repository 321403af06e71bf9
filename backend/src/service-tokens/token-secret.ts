import { createHash, randomBytes } from 'node:crypto';

import { SERVICE_TOKEN_PREFIX } from '../contracts/service-tokens';

/** A new token: the prefix and 256 random bits, base64url (51 characters in all). */
export function newTokenSecret(): string {
  return `${SERVICE_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What is stored and looked up: a fast hash is enough for a secret with 256 bits of entropy (nothing to guess). */
export function hashTokenSecret(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether the text can be a service token at all (anything else is refused without a database read). */
export function looksLikeTokenSecret(token: string): boolean {
  return token.startsWith(SERVICE_TOKEN_PREFIX) && /^[A-Za-z0-9_-]{43}$/.test(token.slice(SERVICE_TOKEN_PREFIX.length));
}

/** The visible start of a token, to tell tokens apart in the admin list. */
export const visiblePrefixOf = (token: string) => token.slice(0, SERVICE_TOKEN_PREFIX.length + 4);
