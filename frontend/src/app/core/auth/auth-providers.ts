import { inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AuthProviders, SSO_ERRORS, type SsoErrorCode } from '@contracts/auth';
import { catchError, of } from 'rxjs';

import { AuthApi } from '../api/auth-api';

/**
 * How people may sign in and join (GET /api/auth/providers), for the sign-in pages: undefined while it loads,
 * null when it could not be read (the pages then behave as before, the server still enforces SIGNUP).
 */
export function authProviders(): Signal<AuthProviders | null | undefined> {
  return toSignal(
    inject(AuthApi)
      .providers()
      .pipe(catchError(() => of(null))),
  );
}

/** Whether people may create an account themselves: SIGNUP is open or limited to some e-mail domains. */
export function maySignUp(providers: AuthProviders | null | undefined): boolean {
  return providers?.signup !== 'invite' && providers?.signup !== 'closed';
}

/** The message for the ?ssoError= code the server's single sign-on callback redirected with. */
export function ssoErrorMessage(code: string | null): string | null {
  if (!code) return null;
  return Object.hasOwn(SSO_ERRORS, code)
    ? SSO_ERRORS[code as SsoErrorCode]
    : 'Single sign-on failed. Please try again.';
}
