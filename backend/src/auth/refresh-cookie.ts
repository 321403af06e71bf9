import type { CookieOptions, Request, Response } from 'express';

import { MEDIA_COOKIE, MEDIA_COOKIE_PATH, REFRESH_COOKIE, REFRESH_COOKIE_PATH } from '../contracts/auth';

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

/** The access token again, HttpOnly and only for /api/media, so the browser can load private pictures and videos. */
export function setMediaCookie(
  response: Response,
  accessToken: string,
  secure: boolean,
  expiresInSeconds: number,
): void {
  response.cookie(MEDIA_COOKIE, accessToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: MEDIA_COOKIE_PATH,
    maxAge: expiresInSeconds * 1000,
  });
}

export function clearMediaCookie(response: Response, secure: boolean): void {
  response.clearCookie(MEDIA_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: MEDIA_COOKIE_PATH });
}
