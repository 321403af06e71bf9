import { DOCUMENT, inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType, ROOT_EFFECTS_INIT } from '@ngrx/effects';
import { catchError, EMPTY, exhaustMap, filter, ignoreElements, map, of, switchMap, take, tap, timer } from 'rxjs';

import { ProfilePageActions } from '../../profile/profile-actions';
import { toApiError } from '../api/api-error';
import { AuthApi } from '../api/auth-api';
import {
  AppShellActions,
  AuthApiActions,
  AuthTabActions,
  InvitationPageActions,
  LoginPageActions,
  SignupPageActions,
} from './auth-actions';
import { safeReturnUrl } from './auth-guards';
import { AuthSession, refreshDelayMs } from './auth-session';
import { AuthTabs } from './auth-tabs';

/** On page load, ask for a new access token with the refresh cookie; the store says how it went. */
export const restoreSession$ = createEffect(
  (actions$ = inject(Actions), session = inject(AuthSession)) => {
    return actions$.pipe(
      ofType(ROOT_EFFECTS_INIT),
      take(1),
      exhaustMap(() =>
        session.refresh().pipe(
          ignoreElements(),
          catchError(() => EMPTY),
        ),
      ),
    );
  },
  { functional: true, dispatch: false },
);

/** Refresh shortly before the access token expires; every new token restarts the timer, signing out stops it. */
export const refreshBeforeExpiry$ = createEffect(
  (actions$ = inject(Actions), session = inject(AuthSession)) => {
    return actions$.pipe(
      ofType(
        AuthApiActions.loginSucceeded,
        AuthApiActions.signupSucceeded,
        AuthApiActions.invitationAccepted,
        AuthApiActions.sessionRefreshed,
        AuthApiActions.sessionExpired,
        AuthApiActions.signedOut,
        AuthTabActions.signedOutElsewhere,
      ),
      switchMap((action) =>
        'response' in action
          ? timer(refreshDelayMs(action.response.expiresIn)).pipe(
              exhaustMap(() =>
                session.refresh().pipe(
                  ignoreElements(),
                  catchError(() => EMPTY),
                ),
              ),
            )
          : EMPTY,
      ),
    );
  },
  { functional: true, dispatch: false },
);

// exhaustMap: a second submit while one is in flight is ignored (the button is disabled anyway).
export const login$ = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi)) => {
    return actions$.pipe(
      ofType(LoginPageActions.submitted),
      exhaustMap(({ credentials }) =>
        api.login(credentials).pipe(
          map((response) => AuthApiActions.loginSucceeded({ response })),
          catchError((error: unknown) => of(AuthApiActions.loginFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

export const signup$ = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi)) => {
    return actions$.pipe(
      ofType(SignupPageActions.submitted),
      exhaustMap(({ details }) =>
        api.signup(details).pipe(
          map((response) => AuthApiActions.signupSucceeded({ response })),
          catchError((error: unknown) => of(AuthApiActions.signupFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

export const acceptInvitation$ = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi)) => {
    return actions$.pipe(
      ofType(InvitationPageActions.submitted),
      exhaustMap(({ token, password }) =>
        api.acceptInvitation(token, password).pipe(
          map((response) => AuthApiActions.invitationAccepted({ response })),
          catchError((error: unknown) => of(AuthApiActions.invitationFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

/** After login, signup or an accepted invitation, go where the person was heading (?returnUrl=), or home. */
export const navigateAfterSignIn$ = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) => {
    return actions$.pipe(
      ofType(AuthApiActions.loginSucceeded, AuthApiActions.signupSucceeded, AuthApiActions.invitationAccepted),
      tap(() => router.navigateByUrl(safeReturnUrl(router.routerState.snapshot.root.queryParams['returnUrl']))),
    );
  },
  { functional: true, dispatch: false },
);

// Signing out locally must not depend on the server: if the call fails, the cookie may live on, but this tab forgets
// the token either way.
export const signOut$ = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi), location = inject(DOCUMENT).location) => {
    return actions$.pipe(
      ofType(AppShellActions.signOutClicked, ProfilePageActions.signOutClicked),
      exhaustMap(() =>
        api.logout().pipe(
          catchError(() => of(null)),
          // A single sign-on session ends at the IdP too (RP-initiated logout), which then returns to /login.
          tap((response) => response?.endSessionUrl && location.assign(response.endSessionUrl)),
          map(() => AuthApiActions.signedOut()),
        ),
      ),
    );
  },
  { functional: true },
);

// Unlike a plain sign-out, a failed "sign out everywhere" is reported: the person expects other devices to be cut off.
export const signOutEverywhere$ = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi)) => {
    return actions$.pipe(
      ofType(ProfilePageActions.signOutEverywhereClicked),
      exhaustMap(() =>
        api.logoutAll().pipe(
          map(() => AuthApiActions.signedOut()),
          catchError((error: unknown) => of(AuthApiActions.signOutEverywhereFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

export const announceSignOut$ = createEffect(
  (actions$ = inject(Actions), tabs = inject(AuthTabs)) => {
    return actions$.pipe(
      ofType(AuthApiActions.signedOut),
      tap(() => tabs.announceSignedOut()),
    );
  },
  { functional: true, dispatch: false },
);

export const signedOutElsewhere$ = createEffect(
  (tabs = inject(AuthTabs)) => {
    return tabs.signedOut$.pipe(map(() => AuthTabActions.signedOutElsewhere()));
  },
  { functional: true },
);

export const navigateAfterSignOut$ = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) => {
    return actions$.pipe(
      ofType(AuthApiActions.signedOut),
      tap(() => router.navigateByUrl('/login')),
    );
  },
  { functional: true, dispatch: false },
);

/** The session ended without the person asking: back to /login, and back here after signing in again. */
export const navigateAfterSessionLoss$ = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) => {
    return actions$.pipe(
      ofType(AuthApiActions.sessionExpired, AuthTabActions.signedOutElsewhere),
      filter(() => !/^\/(login|signup)(\/|\?|$)/.test(router.url)),
      tap(() => {
        const returnUrl = safeReturnUrl(router.url);
        router.navigate(['/login'], { queryParams: returnUrl === '/' ? {} : { returnUrl } });
      }),
    );
  },
  { functional: true, dispatch: false },
);
