import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token of the unsubscribe link in missed-message e-mails: the user id and its HMAC, so the link works without
 * signing in and for no one else. It does not expire: an old e-mail's link must still stop the e-mails.
 */
export function unsubscribeToken(secret: string, userId: string): string {
  return `${userId}.${signature(secret, userId)}`;
}

/** The user id the token was made for, or null when it was not made here. */
export function userIdOfUnsubscribeToken(secret: string, token: string): string | null {
  const [userId, given] = token.split('.');
  if (!userId || !given) return null;
  const expected = Buffer.from(signature(secret, userId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? userId : null;
}

const signature = (secret: string, userId: string) =>
  createHmac('sha256', secret).update(`unsubscribe-missed-messages:${userId}`).digest('base64url');
