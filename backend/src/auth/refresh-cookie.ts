import type { CookieOptions, Request, Response } from 'express';
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from '../contracts/auth';

export function refreshCookieOptions(secure: boolean, maxAgeDays: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: REFRESH_COOKIE_PATH,
    maxAge: maxAgeDays * 24 * 60 * 60 * 1000,
  };
}

export function readRefreshCookie(request: Request): unknown {
  return (request.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
}

export function setRefreshCookie(response: Response, token: string, options: CookieOptions): void {
  response.cookie(REFRESH_COOKIE, token, options);
}

export function clearRefreshCookie(response: Response, options: CookieOptions): void {
  const { maxAge: _ignored, ...rest } = options;
  response.clearCookie(REFRESH_COOKIE, rest);
}
