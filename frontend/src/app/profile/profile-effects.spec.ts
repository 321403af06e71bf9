import { HttpErrorResponse } from '@angular/common/http';
import type { SessionView } from '@contracts/auth';
import type { Actions } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { type Observable, of, Subject, throwError } from 'rxjs';

import type { AccountApi } from '../core/api/account-api';
import { buildErrorBody } from '../testing/builders';
import { ProfileApiActions, ProfilePageActions } from './profile-actions';
import * as effects from './profile-effects';

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
