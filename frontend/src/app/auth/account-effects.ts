import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, map, of, switchMap } from 'rxjs';

import { AccountApi } from '../core/api/account-api';
import { toApiError } from '../core/api/api-error';
import {
  AccountApiActions,
  ForgotPasswordPageActions,
  ResetPasswordPageActions,
  VerifyEmailBannerActions,
  VerifyEmailPageActions,
} from './account-actions';

// exhaustMap for the forms: a second submit while one is in flight is ignored (the button is disabled anyway).
export const requestResetLink$ = createEffect(
  (actions$ = inject(Actions), api = inject(AccountApi)) => {
    return actions$.pipe(
      ofType(ForgotPasswordPageActions.submitted),
      exhaustMap(({ email }) =>
        api.forgotPassword(email).pipe(
          map(({ message }) => AccountApiActions.resetLinkRequested({ message })),
          catchError((error: unknown) => of(AccountApiActions.resetLinkRequestFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

export const resetPassword$ = createEffect(
  (actions$ = inject(Actions), api = inject(AccountApi)) => {
    return actions$.pipe(
      ofType(ResetPasswordPageActions.submitted),
      exhaustMap(({ token, password }) =>
        api.resetPassword(token, password).pipe(
          map(() => AccountApiActions.passwordReset()),
          catchError((error: unknown) => of(AccountApiActions.passwordResetFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

// switchMap: only the link the page was last opened with matters.
export const verifyEmail$ = createEffect(
  (actions$ = inject(Actions), api = inject(AccountApi)) => {
    return actions$.pipe(
      ofType(VerifyEmailPageActions.opened),
      switchMap(({ token }) =>
        api.verifyEmail(token).pipe(
          map(({ email }) => AccountApiActions.emailVerified({ email })),
          catchError((error: unknown) => of(AccountApiActions.emailVerificationFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

export const resendVerificationEmail$ = createEffect(
  (actions$ = inject(Actions), api = inject(AccountApi)) => {
    return actions$.pipe(
      ofType(VerifyEmailBannerActions.resendClicked, VerifyEmailPageActions.resendClicked),
      exhaustMap(() =>
        api.requestVerificationEmail().pipe(
          map(() => AccountApiActions.verificationEmailSent()),
          catchError((error: unknown) => of(AccountApiActions.verificationEmailFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);
