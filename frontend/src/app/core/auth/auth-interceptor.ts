/**
 * 401 policy. This interceptor is the only code that deals with expired access tokens:
 *
 * - The bearer token goes only to our own API (same-origin `/api/...`), never to other hosts, and not to the
 *   endpoints that create sessions (`/api/auth/login`, `/signup`, `/refresh`): those work from credentials or from
 *   the HttpOnly refresh cookie, and a stale token must not confuse them. Their 401s reach the caller as they are.
 * - Any other 401 means the access token expired or was revoked. If the store already holds a newer token (another
 *   request refreshed meanwhile), the request is simply retried with it. Otherwise it waits for one shared
 *   refresh (`AuthSession.refresh()`: single flight in this tab, a Web Lock across tabs), so three concurrent 401s
 *   cause one POST /api/auth/refresh.
 * - Each request is retried once, with the new token. A second 401 goes to the caller; no loop.
 * - If the refresh fails, the session is over: AuthSession moves the store to signed out, the auth effects
 *   navigate to /login, and the caller gets the original 401.
 * - When nobody is signed in, a 401 is passed on without trying to refresh.
 */
import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, map, of, switchMap, throwError } from 'rxjs';

import { AuthSession } from './auth-session';

const TOKEN_ENDPOINTS = ['/api/auth/login', '/api/auth/signup', '/api/auth/refresh'];

export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const path = ownApiPath(req.url);
  if (path === null || TOKEN_ENDPOINTS.includes(path)) return next(req);

  const session = inject(AuthSession);
  const sentWith = session.accessToken();
  return next(withToken(req, sentWith)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || session.status() === 'signedOut') {
        return throwError(() => error);
      }
      const current = session.accessToken();
      const token$ = current && current !== sentWith ? of(current) : session.refresh().pipe(map((r) => r.accessToken));
      return token$.pipe(
        catchError(() => throwError(() => error)),
        switchMap((token) => next(withToken(req, token))),
      );
    }),
  );
};

function withToken<T>(req: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
}

/** The path of a request to our own API, or null for anything else (other origins, non-API paths). */
function ownApiPath(url: string): string | null {
  const origin = globalThis.location?.origin ?? 'http://localhost';
  const parsed = new URL(url, globalThis.location?.href ?? origin);
  if (parsed.origin !== origin) return null;
  return parsed.pathname.startsWith('/api/') ? parsed.pathname.replace(/\/+$/, '') : null;
}
