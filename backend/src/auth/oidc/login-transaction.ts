import { createHash } from 'node:crypto';

import type { JwtService } from '@nestjs/jwt';
import type { CookieOptions, Request, Response } from 'express';

/** One sign-in (or account link) on its way through the IdP, from /oidc/login (or /oidc/link) to the callback. */
export interface LoginTransaction {
  state: string;
  nonce: string;
  /** The PKCE code verifier. */
  verifier: string;
  /** Where the SPA continues afterwards: a path on this site. */
  returnTo: string;
  /** Set when a signed-in person links their account: who, and from which session. */
  link?: { userId: string; sessionId: string };
  /**
   * Started in a popup by the app inside a portal's frame: the S256 challenge of the frame's verifier. The callback
   * then hands the sign-in over with a one-time code (SsoHandoffService) instead of setting the cookie.
   */
  popup?: string;
}

export const TRANSACTION_COOKIE = 'oidc_tx';
const TRANSACTION_PATH = '/api/auth/oidc';
const TRANSACTION_TTL_SECONDS = 10 * 60;
const AUDIENCE = 'oidc-login-transaction';

/**
 * HttpOnly, signed, ten minutes, only sent to /api/auth/oidc. SameSite=Lax, not Strict: the IdP's redirect to the
 * callback is a cross-site navigation, which Strict cookies do not travel with.
 */
function cookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: TRANSACTION_PATH, maxAge: TRANSACTION_TTL_SECONDS * 1000 };
}

/** A signing key of its own, so no other token of the app can pass for a transaction or the other way round. */
const keyOf = (secret: string) => createHash('sha256').update(`oidc-transaction:${secret}`).digest('base64url');

export function setTransactionCookie(
  res: Response,
  jwt: JwtService,
  secret: string,
  tx: LoginTransaction,
  secure: boolean,
): void {
  const token = jwt.sign(
    { tx },
    { secret: keyOf(secret), audience: AUDIENCE, expiresIn: TRANSACTION_TTL_SECONDS, algorithm: 'HS256' },
  );
  res.cookie(TRANSACTION_COOKIE, token, cookieOptions(secure));
}

/** The transaction of this browser, or null when there is none, it expired, or it was not signed by us. */
export function readTransactionCookie(req: Request, jwt: JwtService, secret: string): LoginTransaction | null {
  const token = (req.cookies as Record<string, unknown> | undefined)?.[TRANSACTION_COOKIE];
  if (typeof token !== 'string') return null;
  try {
    return jwt.verify<{ tx: LoginTransaction }>(token, {
      secret: keyOf(secret),
      audience: AUDIENCE,
      algorithms: ['HS256'],
    }).tx;
  } catch {
    return null;
  }
}

/** A transaction is used once: the callback clears it, whatever the outcome. */
export function clearTransactionCookie(res: Response, secure: boolean): void {
  const { maxAge: _ignored, ...rest } = cookieOptions(secure);
  res.clearCookie(TRANSACTION_COOKIE, rest);
}

/**
 * `returnTo` when it is a page of the SPA ("/c/123?x"), else "/": never a way to send people elsewhere. Judged on
 * the path as the browser resolves it, so dot segments ("/..//evil.com", "/%2e%2e//evil.com") cannot turn it into
 * a protocol-relative URL.
 */
export function safeReturnTo(returnTo: string | undefined): string {
  if (!returnTo || !returnTo.startsWith('/') || /[\\\s]/.test(returnTo)) return '/';
  try {
    const url = new URL(returnTo, 'http://same.origin');
    const path = url.pathname;
    if (url.origin !== 'http://same.origin' || path.startsWith('//') || path.includes('\\')) return '/';
    if (/^\/(api|socket\.io)(\/|$)/i.test(path)) return '/';
    return `${path}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
