import { HttpErrorResponse } from '@angular/common/http';
import type { Router } from '@angular/router';
import type { AuthResponse } from '@contracts/auth';
import { type Actions, ROOT_EFFECTS_INIT } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { type Observable, of, Subject, throwError } from 'rxjs';

import { ProfilePageActions } from '../../profile/profile-actions';
import { buildAuthResponse, buildErrorBody } from '../../testing/builders';
import type { AuthApi } from '../api/auth-api';
import {
  AppShellActions,
  AuthApiActions,
  AuthTabActions,
  InvitationPageActions,
  LoginPageActions,
} from './auth-actions';
import * as effects from './auth-effects';
import type { AuthSession } from './auth-session';
import type { AuthTabs } from './auth-tabs';

const actionsOf = (...actions: Action[]) => of(...actions) as Actions;

function collect(effect$: Observable<unknown>): unknown[] {
  const out: unknown[] = [];
  effect$.subscribe((value) => out.push(value));
  return out;
}

function fakeSession(result: () => Observable<AuthResponse>) {
  return { refresh: jest.fn(result) } as unknown as AuthSession & { refresh: jest.Mock };
}

function fakeRouter(url = '/', queryParams: Record<string, string> = {}) {
  return {
    url,
    routerState: { snapshot: { root: { queryParams } } },
    navigateByUrl: jest.fn(() => Promise.resolve(true)),
    navigate: jest.fn(() => Promise.resolve(true)),
  } as unknown as Router & { navigateByUrl: jest.Mock; navigate: jest.Mock };
}

describe('auth effects', () => {
  describe('restoreSession$', () => {
    it('refreshes once when the app starts', () => {
      const session = fakeSession(() => of(buildAuthResponse()));
      collect(effects.restoreSession$(actionsOf({ type: ROOT_EFFECTS_INIT }, { type: ROOT_EFFECTS_INIT }), session));
      expect(session.refresh).toHaveBeenCalledTimes(1);
    });

    it('survives a failed restore (the session service reports it)', () => {
      const session = fakeSession(() => throwError(() => new HttpErrorResponse({ status: 401 })));
      let errored = false;
      effects
        .restoreSession$(actionsOf({ type: ROOT_EFFECTS_INIT }), session)
        .subscribe({ error: () => (errored = true) });
      expect(errored).toBe(false);
    });
  });

  describe('refreshBeforeExpiry$', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('refreshes a minute before the token expires', () => {
      const actions$ = new Subject<Action>();
      const session = fakeSession(() => of(buildAuthResponse()));
      collect(effects.refreshBeforeExpiry$(actions$ as Actions, session));

      actions$.next(AuthApiActions.loginSucceeded({ response: buildAuthResponse({ expiresIn: 900 }) }));
      jest.advanceTimersByTime(839_999);
      expect(session.refresh).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(session.refresh).toHaveBeenCalledTimes(1);
    });

    it('restarts the timer on every new token', () => {
      const actions$ = new Subject<Action>();
      const session = fakeSession(() => of(buildAuthResponse()));
      collect(effects.refreshBeforeExpiry$(actions$ as Actions, session));

      actions$.next(AuthApiActions.loginSucceeded({ response: buildAuthResponse({ expiresIn: 900 }) }));
      jest.advanceTimersByTime(800_000);
      actions$.next(AuthApiActions.sessionRefreshed({ response: buildAuthResponse({ expiresIn: 900 }) }));
      jest.advanceTimersByTime(800_000);
      expect(session.refresh).not.toHaveBeenCalled();
      jest.advanceTimersByTime(40_000);
      expect(session.refresh).toHaveBeenCalledTimes(1);
    });

    it('stops after signing out', () => {
      const actions$ = new Subject<Action>();
      const session = fakeSession(() => of(buildAuthResponse()));
      collect(effects.refreshBeforeExpiry$(actions$ as Actions, session));

      actions$.next(AuthApiActions.loginSucceeded({ response: buildAuthResponse({ expiresIn: 900 }) }));
      actions$.next(AuthApiActions.signedOut());
      jest.advanceTimersByTime(3_600_000);
      expect(session.refresh).not.toHaveBeenCalled();
    });
  });

  describe('login$', () => {
    const credentials = { login: 'ada', password: 'correct horse' };

    it('signs in with the response', () => {
      const response = buildAuthResponse();
      const api = { login: jest.fn(() => of(response)) } as unknown as AuthApi;
      const out = collect(effects.login$(actionsOf(LoginPageActions.submitted({ credentials })), api));
      expect(api.login).toHaveBeenCalledWith(credentials);
      expect(out).toEqual([AuthApiActions.loginSucceeded({ response })]);
    });

    it('passes on the throttling message', () => {
      const error = new HttpErrorResponse({
        status: 429,
        error: buildErrorBody(429, { message: 'Too many attempts. Try again in 30 seconds.' }),
      });
      const api = { login: () => throwError(() => error) } as unknown as AuthApi;
      const out = collect(effects.login$(actionsOf(LoginPageActions.submitted({ credentials })), api));
      expect(out).toEqual([
        AuthApiActions.loginFailed({
          error: {
            status: 429,
            code: 'error',
            message: 'Too many attempts. Try again in 30 seconds.',
            fieldErrors: {},
          },
        }),
      ]);
    });
  });

  describe('acceptInvitation$', () => {
    const submitted = InvitationPageActions.submitted({ token: 't0ken', password: 'my own passphrase' });

    it('signs the invitee in with the response', () => {
      const response = buildAuthResponse();
      const api = { acceptInvitation: jest.fn(() => of(response)) } as unknown as AuthApi;
      const out = collect(effects.acceptInvitation$(actionsOf(submitted), api));
      expect(api.acceptInvitation).toHaveBeenCalledWith('t0ken', 'my own passphrase');
      expect(out).toEqual([AuthApiActions.invitationAccepted({ response })]);
    });

    it('passes on why the link did not work', () => {
      const message = 'This invitation link is invalid, expired or already used. Ask your administrator for a new one.';
      const error = new HttpErrorResponse({
        status: 400,
        error: buildErrorBody(400, { message, code: 'invitation_invalid' }),
      });
      const api = { acceptInvitation: () => throwError(() => error) } as unknown as AuthApi;
      const out = collect(effects.acceptInvitation$(actionsOf(submitted), api));
      expect(out).toEqual([
        AuthApiActions.invitationFailed({
          error: { status: 400, code: 'invitation_invalid', message, fieldErrors: {} },
        }),
      ]);
    });
  });

  describe('navigateAfterSignIn$', () => {
    it('goes home once an invitation is accepted', () => {
      const router = fakeRouter('/accept-invitation?token=t0ken');
      collect(
        effects.navigateAfterSignIn$(
          actionsOf(AuthApiActions.invitationAccepted({ response: buildAuthResponse() })),
          router,
        ),
      );
      expect(router.navigateByUrl).toHaveBeenCalledWith('/');
    });

    it('goes to the page the person wanted', () => {
      const router = fakeRouter('/login?returnUrl=%2Fprofile', { returnUrl: '/profile' });
      collect(
        effects.navigateAfterSignIn$(
          actionsOf(AuthApiActions.loginSucceeded({ response: buildAuthResponse() })),
          router,
        ),
      );
      expect(router.navigateByUrl).toHaveBeenCalledWith('/profile');
    });

    it('never leaves the app', () => {
      const router = fakeRouter('/login', { returnUrl: '//evil.example' });
      collect(
        effects.navigateAfterSignIn$(
          actionsOf(AuthApiActions.signupSucceeded({ response: buildAuthResponse() })),
          router,
        ),
      );
      expect(router.navigateByUrl).toHaveBeenCalledWith('/');
    });
  });

  describe('sign out', () => {
    it('signs out even when the server call fails', () => {
      const api = {
        logout: jest.fn(() => throwError(() => new HttpErrorResponse({ status: 0 }))),
      } as unknown as AuthApi;
      const out = collect(effects.signOut$(actionsOf(AppShellActions.signOutClicked()), api));
      expect(api.logout).toHaveBeenCalledTimes(1);
      expect(out).toEqual([AuthApiActions.signedOut()]);
    });

    it('reports a failed "sign out everywhere" instead of pretending', () => {
      const api = {
        logoutAll: () =>
          throwError(() => new HttpErrorResponse({ status: 500, error: buildErrorBody(500, { message: 'Boom' }) })),
      } as unknown as AuthApi;
      const out = collect(effects.signOutEverywhere$(actionsOf(ProfilePageActions.signOutEverywhereClicked()), api));
      expect(out).toEqual([
        AuthApiActions.signOutEverywhereFailed({
          error: { status: 500, code: 'error', message: 'Boom', fieldErrors: {} },
        }),
      ]);
    });

    it('tells the other tabs', () => {
      const tabs = { announceSignedOut: jest.fn() } as unknown as AuthTabs & { announceSignedOut: jest.Mock };
      collect(effects.announceSignOut$(actionsOf(AuthApiActions.signedOut()), tabs));
      expect(tabs.announceSignedOut).toHaveBeenCalledTimes(1);
    });

    it('follows a sign-out in another tab', () => {
      const signedOut$ = new Subject<void>();
      const out = collect(effects.signedOutElsewhere$({ signedOut$ } as unknown as AuthTabs));
      signedOut$.next();
      expect(out).toEqual([AuthTabActions.signedOutElsewhere()]);
    });

    it('goes to /login after signing out', () => {
      const router = fakeRouter('/profile');
      collect(effects.navigateAfterSignOut$(actionsOf(AuthApiActions.signedOut()), router));
      expect(router.navigateByUrl).toHaveBeenCalledWith('/login');
    });
  });

  describe('navigateAfterSessionLoss$', () => {
    it('sends the person to /login and back here afterwards', () => {
      const router = fakeRouter('/profile');
      collect(effects.navigateAfterSessionLoss$(actionsOf(AuthApiActions.sessionExpired()), router));
      expect(router.navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/profile' } });
    });

    it('leaves someone alone who is already on the signup page', () => {
      const router = fakeRouter('/signup');
      collect(effects.navigateAfterSessionLoss$(actionsOf(AuthTabActions.signedOutElsewhere()), router));
      expect(router.navigate).not.toHaveBeenCalled();
    });
  });
});
