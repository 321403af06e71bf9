import { HttpErrorResponse } from '@angular/common/http';
import type { Actions } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { NEVER, type Observable, of, Subject, throwError } from 'rxjs';

import type { AccountApi } from '../core/api/account-api';
import { buildErrorBody } from '../testing/builders';
import {
  AccountApiActions,
  ForgotPasswordPageActions,
  ResetPasswordPageActions,
  VerifyEmailBannerActions,
  VerifyEmailPageActions,
} from './account-actions';
import * as effects from './account-effects';

const actionsOf = (...actions: Action[]) => of(...actions) as Actions;

function collect(effect$: Observable<unknown>): unknown[] {
  const out: unknown[] = [];
  effect$.subscribe((value) => out.push(value));
  return out;
}

function fakeApi(overrides: Partial<Record<keyof AccountApi, jest.Mock>>) {
  return overrides as unknown as AccountApi;
}

const httpError = (status: number, body: object) => () =>
  throwError(() => new HttpErrorResponse({ status, error: body }));

describe('account effects', () => {
  it('requests a reset link and passes on the server answer', () => {
    const api = fakeApi({ forgotPassword: jest.fn(() => of({ message: 'Check your inbox' })) });
    const out = collect(
      effects.requestResetLink$(actionsOf(ForgotPasswordPageActions.submitted({ email: 'ada@example.com' })), api),
    );
    expect(api.forgotPassword).toHaveBeenCalledWith('ada@example.com');
    expect(out).toEqual([AccountApiActions.resetLinkRequested({ message: 'Check your inbox' })]);
  });

  it('reports a throttled reset request', () => {
    const body = buildErrorBody(429, { message: 'Too many reset requests', code: 'reset_throttled' });
    const api = fakeApi({ forgotPassword: jest.fn(httpError(429, body)) });
    const [action] = collect(
      effects.requestResetLink$(actionsOf(ForgotPasswordPageActions.submitted({ email: 'a@b.c' })), api),
    );
    expect(action).toMatchObject({
      type: AccountApiActions.resetLinkRequestFailed.type,
      error: { status: 429, code: 'reset_throttled' },
    });
  });

  it('sets the new password with the token, ignoring a second submit while the first runs', () => {
    const actions$ = new Subject<Action>();
    const response$ = new Subject<void>();
    const api = fakeApi({ resetPassword: jest.fn(() => response$) });
    const out = collect(effects.resetPassword$(actions$ as Actions, api));
    actions$.next(ResetPasswordPageActions.submitted({ token: 'tok', password: 'new passphrase' }));
    actions$.next(ResetPasswordPageActions.submitted({ token: 'tok', password: 'new passphrase' }));
    response$.next();
    response$.complete();
    expect(api.resetPassword).toHaveBeenCalledTimes(1);
    expect(api.resetPassword).toHaveBeenCalledWith('tok', 'new passphrase');
    expect(out).toEqual([AccountApiActions.passwordReset()]);
  });

  it('keeps the field errors of a refused reset', () => {
    const body = buildErrorBody(400, { message: ['password is too short'], errors: { password: ['too short'] } });
    const api = fakeApi({ resetPassword: jest.fn(httpError(400, body)) });
    const [action] = collect(
      effects.resetPassword$(actionsOf(ResetPasswordPageActions.submitted({ token: 't', password: 'x' })), api),
    );
    expect(action).toMatchObject({ error: { fieldErrors: { password: ['too short'] } } });
  });

  it('verifies the link the page was opened with, the latest one winning', () => {
    const actions$ = new Subject<Action>();
    const api = fakeApi({
      verifyEmail: jest.fn((token: string) => (token === 'old' ? NEVER : of({ email: 'ada@example.com' }))),
    });
    const out = collect(effects.verifyEmail$(actions$ as Actions, api));
    actions$.next(VerifyEmailPageActions.opened({ token: 'old' }));
    actions$.next(VerifyEmailPageActions.opened({ token: 'new' }));
    expect(out).toEqual([AccountApiActions.emailVerified({ email: 'ada@example.com' })]);
  });

  it('reports a used verification link with its code', () => {
    const body = buildErrorBody(409, { message: 'Already used', code: 'email_already_verified' });
    const api = fakeApi({ verifyEmail: jest.fn(httpError(409, body)) });
    const [action] = collect(effects.verifyEmail$(actionsOf(VerifyEmailPageActions.opened({ token: 't' })), api));
    expect(action).toMatchObject({
      type: AccountApiActions.emailVerificationFailed.type,
      error: { code: 'email_already_verified' },
    });
  });

  it('resends the verification mail from the banner and from the landing page', () => {
    const api = fakeApi({ requestVerificationEmail: jest.fn(() => of(undefined)) });
    const out = collect(
      effects.resendVerificationEmail$(
        actionsOf(VerifyEmailBannerActions.resendClicked(), VerifyEmailPageActions.resendClicked()),
        api,
      ),
    );
    expect(out).toEqual([AccountApiActions.verificationEmailSent(), AccountApiActions.verificationEmailSent()]);
  });
});
