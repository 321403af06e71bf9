import { HttpErrorResponse } from '@angular/common/http';
import type { SessionView } from '@contracts/auth';
import type { Actions } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { type Observable, of, Subject, throwError } from 'rxjs';

import type { AccountApi } from '../core/api/account-api';
import { saveFile } from '../core/api/save-file';
import type { UsersApi } from '../core/api/users-api';
import { AuthApiActions } from '../core/auth/auth-actions';
import { buildErrorBody } from '../testing/builders';
import { ProfileApiActions, ProfilePageActions } from './profile-actions';
import * as effects from './profile-effects';

jest.mock('../core/api/save-file', () => ({ saveFile: jest.fn() }));

const actionsOf = (...actions: Action[]) => of(...actions) as Actions;

function collect(effect$: Observable<unknown>): unknown[] {
  const out: unknown[] = [];
  effect$.subscribe((value) => out.push(value));
  return out;
}

const session: SessionView = {
  id: 's1',
  device: 'Chrome on Linux',
  ip: '127.0.0.1',
  createdAt: '2026-01-01T00:00:00.000Z',
  lastUsedAt: '2026-01-01T00:00:00.000Z',
  current: true,
};

describe('profile effects: password and sessions', () => {
  it('loads the sessions when the page opens and again after a password change', () => {
    const api = { listSessions: jest.fn(() => of({ items: [session], nextCursor: null })) } as unknown as AccountApi;
    const out = collect(
      effects.loadSessions$(actionsOf(ProfilePageActions.opened(), ProfileApiActions.passwordChanged()), api),
    );
    expect(out).toEqual([
      ProfileApiActions.sessionsLoaded({ sessions: [session] }),
      ProfileApiActions.sessionsLoaded({ sessions: [session] }),
    ]);
  });

  it('changes the password, reporting a wrong current one with its field', () => {
    const body = buildErrorBody(400, {
      message: 'Your current password is not correct',
      code: 'wrong_password',
      errors: { currentPassword: ['Your current password is not correct'] },
    });
    const api = {
      changePassword: jest
        .fn()
        .mockReturnValueOnce(throwError(() => new HttpErrorResponse({ status: 400, error: body })))
        .mockReturnValueOnce(of(undefined)),
    } as unknown as AccountApi;
    const change = { currentPassword: 'old', newPassword: 'new passphrase' };
    const out = collect(
      effects.changePassword$(
        actionsOf(
          ProfilePageActions.passwordChangeSubmitted({ change }),
          ProfilePageActions.passwordChangeSubmitted({ change }),
        ),
        api,
      ),
    );
    expect(out[0]).toMatchObject({
      type: ProfileApiActions.passwordChangeFailed.type,
      error: { code: 'wrong_password', fieldErrors: { currentPassword: [expect.any(String)] } },
    });
    expect(out[1]).toEqual(ProfileApiActions.passwordChanged());
  });

  it('signs several sessions out side by side', () => {
    const responses: Record<string, Subject<void>> = { a: new Subject(), b: new Subject() };
    const api = { endSession: jest.fn((id: string) => responses[id]) } as unknown as AccountApi;
    const actions$ = new Subject<Action>();
    const out = collect(effects.signOutSession$(actions$ as Actions, api));
    actions$.next(ProfilePageActions.sessionSignOutClicked({ sessionId: 'a' }));
    actions$.next(ProfilePageActions.sessionSignOutClicked({ sessionId: 'b' }));
    responses['b'].next();
    responses['a'].error(new HttpErrorResponse({ status: 404, error: buildErrorBody(404) }));
    expect(out).toEqual([
      ProfileApiActions.sessionSignedOut({ sessionId: 'b' }),
      expect.objectContaining({ type: ProfileApiActions.sessionSignOutFailed.type, sessionId: 'a' }),
    ]);
  });
});

describe('profile effects: your data', () => {
  it('saves the archive under the name the server gave it, and says why when it could not', () => {
    const blob = new Blob(['zip']);
    const api = {
      exportData: jest
        .fn()
        .mockReturnValueOnce(of({ blob, filename: 'chat-data-ada-2026-03-02.zip' }))
        .mockReturnValueOnce(throwError(() => new HttpErrorResponse({ status: 429, error: buildErrorBody(429) }))),
    } as unknown as UsersApi;
    const out = collect(
      effects.exportData$(actionsOf(ProfilePageActions.exportClicked(), ProfilePageActions.exportClicked()), api),
    );
    expect(saveFile).toHaveBeenCalledWith(blob, 'chat-data-ada-2026-03-02.zip');
    expect(out).toEqual([
      ProfileApiActions.exportDownloaded(),
      expect.objectContaining({
        type: ProfileApiActions.exportFailed.type,
        error: expect.objectContaining({ status: 429 }),
      }),
    ]);
  });

  it('deletes the account with the password, then ends the session here so the login page says why', () => {
    const api = { eraseMe: jest.fn(() => of(undefined)) } as unknown as UsersApi;
    const out = collect(
      effects.eraseAccount$(actionsOf(ProfilePageActions.eraseConfirmed({ password: 'secret' })), api),
    );
    expect(api.eraseMe).toHaveBeenCalledWith('secret');
    expect(out).toEqual([AuthApiActions.sessionExpired('account_erased')]);
  });

  it('keeps the account and reports a wrong password at its field', () => {
    const body = buildErrorBody(400, {
      code: 'wrong_password',
      message: 'Your password is not correct',
      errors: { password: ['Your password is not correct'] },
    });
    const api = {
      eraseMe: jest.fn(() => throwError(() => new HttpErrorResponse({ status: 400, error: body }))),
    } as unknown as UsersApi;
    const out = collect(effects.eraseAccount$(actionsOf(ProfilePageActions.eraseConfirmed({ password: 'x' })), api));
    expect(out).toEqual([
      expect.objectContaining({
        type: ProfileApiActions.eraseFailed.type,
        error: expect.objectContaining({ code: 'wrong_password', fieldErrors: { password: [expect.any(String)] } }),
      }),
    ]);
  });

  it('sends one deletion however often it is confirmed while one is on its way', () => {
    const pending = new Subject<void>();
    const api = { eraseMe: jest.fn(() => pending) } as unknown as UsersApi;
    const actions$ = new Subject<Action>();
    const out = collect(effects.eraseAccount$(actions$ as Actions, api));
    actions$.next(ProfilePageActions.eraseConfirmed({ password: 'secret' }));
    actions$.next(ProfilePageActions.eraseConfirmed({ password: 'secret' }));
    pending.next();
    expect(api.eraseMe).toHaveBeenCalledTimes(1);
    expect(out).toEqual([AuthApiActions.sessionExpired('account_erased')]);
  });
});
