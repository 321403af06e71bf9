import { inject, Injectable } from '@angular/core';
import type { AuthResponse } from '@contracts/auth';
import { Store } from '@ngrx/store';
import { finalize, map, type Observable, shareReplay, tap } from 'rxjs';

import { toApiError } from '../api/api-error';
import { AuthApi } from '../api/auth-api';
import { AuthApiActions } from './auth-actions';
import { authFeature } from './auth-feature';
import { withWebLock } from './web-lock';

export const REFRESH_LOCK = 'auth-refresh';

/** The refresh found no session at all: this browser has no refresh cookie. */
export class NoSessionError extends Error {
  constructor() {
    super('No session');
  }
}

/**
 * The access token and the one place that refreshes it. `refresh()` is single flight: callers that ask while a
 * refresh is under way share it. Across tabs, a Web Lock makes refreshes take turns, so two tabs never present
 * the same refresh cookie at once (the server would treat the second use as token reuse).
 */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly api = inject(AuthApi);
  private readonly store = inject(Store);
  readonly accessToken = this.store.selectSignal(authFeature.selectAccessToken);
  readonly status = this.store.selectSignal(authFeature.selectStatus);
  private inFlight: Observable<AuthResponse> | null = null;

  /**
   * Emits the new session and updates the store once, however many callers share it; errors when it fails, with
   * a NoSessionError when there is no session to refresh.
   */
  refresh(): Observable<AuthResponse> {
    this.inFlight ??= withWebLock(REFRESH_LOCK, () => this.api.refresh()).pipe(
      map((response) => {
        if (!response) throw new NoSessionError();
        return response;
      }),
      tap({
        next: (response) => this.store.dispatch(AuthApiActions.sessionRefreshed({ response })),
        error: (error: unknown) => {
          const apiError = error instanceof NoSessionError ? null : toApiError(error);
          // Unreachable or failing server: the session may well be fine, so a signed-in person stays signed in
          // and the next request or reconnect tries again. Only the server saying no (401/403, or no session) ends it.
          if (apiError && this.status() === 'signedIn' && (apiError.status === 0 || apiError.status >= 500)) return;
          const reason = apiError?.code === 'account_banned' ? 'banned' : undefined;
          this.store.dispatch(
            this.status() === 'signedIn'
              ? AuthApiActions.sessionExpired(reason)
              : AuthApiActions.sessionRestoreFailed(reason),
          );
        },
      }),
      finalize(() => (this.inFlight = null)),
      // Not ref-counted: a refresh that has started must finish even if the requests waiting for it are cancelled,
      // or the rotated cookie and the token in the store would disagree.
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.inFlight;
  }
}

/** Refresh ahead of expiry: a minute early, but never sooner than half the lifetime (no loop on short tokens). */
export function refreshDelayMs(expiresInSeconds: number): number {
  const lifetime = expiresInSeconds * 1000;
  return Math.max(lifetime - 60_000, lifetime / 2);
}
