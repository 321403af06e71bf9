import { inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AuthProviders, type SsoErrorCode } from '@contracts/auth';
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

/** What each ?ssoError= code means, in the person's language (the server's English texts are in SSO_ERRORS). */
const SSO_ERROR_MESSAGES: Record<SsoErrorCode, string> = {
  sso_cancelled: $localize`:@@auth.ssoError.cancelled:Single sign-on was cancelled.`,
  sso_idp_error: $localize`:@@auth.ssoError.idpError:Your identity provider refused the sign-in.`,
  sso_state_invalid: $localize`:@@auth.ssoError.stateInvalid:This sign-in has expired or was not started here. Please try again.`,
  sso_code_invalid: $localize`:@@auth.ssoError.codeInvalid:This sign-in link has expired or was already used. Please try again.`,
  sso_token_invalid: $localize`:@@auth.ssoError.tokenInvalid:Your identity provider’s answer could not be verified. Please try again.`,
  idp_unavailable: $localize`:@@auth.ssoError.idpUnavailable:Your identity provider could not be reached. Please try again in a moment.`,
  sso_misconfigured: $localize`:@@auth.ssoError.misconfigured:Single sign-on is not set up correctly here. Please tell your administrator.`,
  sso_email_unverified: $localize`:@@auth.ssoError.emailUnverified:Your identity provider did not confirm an e-mail address for you.`,
  account_exists_link_required: $localize`:@@auth.ssoError.linkRequired:An account with your e-mail address already exists. Sign in with your password, then link single sign-on from your profile.`,
  account_banned: $localize`:@@auth.ssoError.banned:This account has been suspended by an administrator.`,
  account_unavailable: $localize`:@@auth.ssoError.unavailable:This account no longer exists.`,
  sso_identity_in_use: $localize`:@@auth.ssoError.identityInUse:This single sign-on identity already belongs to another account.`,
  sso_already_linked: $localize`:@@auth.ssoError.alreadyLinked:Your account is already linked to another single sign-on identity.`,
  sso_link_email_mismatch: $localize`:@@auth.ssoError.emailMismatch:Your identity provider confirmed a different e-mail address than your account’s. Sign in there as yourself, or change your e-mail address here first.`,
  session_ended: $localize`:@@auth.ssoError.sessionEnded:You were signed out before the link was made. Sign in and try again.`,
};

/** The message for the ?ssoError= code the server's single sign-on callback redirected with. */
export function ssoErrorMessage(code: string | null): string | null {
  if (!code) return null;
  return Object.hasOwn(SSO_ERROR_MESSAGES, code)
    ? SSO_ERROR_MESSAGES[code as SsoErrorCode]
    : $localize`:@@auth.ssoError.unknown:Single sign-on failed. Please try again.`;
}
