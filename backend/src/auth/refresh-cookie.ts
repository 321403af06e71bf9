import type { ConfigService } from '@nestjs/config';
import type { CookieOptions, Request, Response } from 'express';

import type { AllConfig } from '../config';
import {
  type AuthResponse,
  MEDIA_COOKIE,
  MEDIA_COOKIE_PATH,
  REFRESH_COOKIE,
  REFRESH_COOKIE_PATH,
} from '../contracts/auth';
import type { AuthResult } from './auth.service';

/**
 * SameSite=Strict, unless a portal frames the app (FRAME_ANCESTORS): inside a cross-site frame Strict cookies are
 * never sent, so they become SameSite=None (which requires Secure) and Partitioned (CHIPS): kept in a cookie jar of
 * that portal's site only, which browsers that block third-party cookies still allow.
 */
function siteOptions(config: ConfigService<AllConfig, true>): CookieOptions {
  if (config.get('embed', { infer: true }).enabled) return { sameSite: 'none', secure: true, partitioned: true };
  return { sameSite: 'strict', secure: config.get('app', { infer: true }).cookieSecure };
}

export function refreshCookieOptions(config: ConfigService<AllConfig, true>): CookieOptions {
  return {
    httpOnly: true,
    ...siteOptions(config),
    path: REFRESH_COOKIE_PATH,
    maxAge: config.get('auth', { infer: true }).refreshTokenTtlDays * 24 * 60 * 60 * 1000,
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
  config: ConfigService<AllConfig, true>,
  expiresInSeconds: number,
): void {
  response.cookie(MEDIA_COOKIE, accessToken, {
    httpOnly: true,
    ...siteOptions(config),
    path: MEDIA_COOKIE_PATH,
    maxAge: expiresInSeconds * 1000,
  });
}

export function clearMediaCookie(response: Response, config: ConfigService<AllConfig, true>): void {
  response.clearCookie(MEDIA_COOKIE, { httpOnly: true, ...siteOptions(config), path: MEDIA_COOKIE_PATH });
}

/** A new or refreshed session: its cookies (refresh and media) on the response, and the body to send. */
export function sendSession(
  response: Response,
  result: AuthResult,
  config: ConfigService<AllConfig, true>,
): AuthResponse {
  if (result.refreshToken) setRefreshCookie(response, result.refreshToken, refreshCookieOptions(config));
  setMediaCookie(response, result.body.accessToken, config, result.body.expiresIn);
  return result.body;
}
