import { HttpErrorResponse } from '@angular/common/http';
import type { Actions } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { type Observable, of, Subject, throwError } from 'rxjs';

import { buildErrorBody } from '../testing/builders';
import { AdminApiActions, AdminPageActions, SEARCH_DEBOUNCE_MS } from './admin-actions';
import type { AdminApi } from './admin-api';
import * as effects from './admin-effects';
import { buildAdminUser, buildAuditEntry, buildStats } from './testing';

function collect(effect$: Observable<unknown>): unknown[] {
  const out: unknown[] = [];
  effect$.subscribe((value) => out.push(value));
  return out;
}

function fakeApi(overrides: Partial<Record<keyof AdminApi, jest.Mock>> = {}) {
  return {
    listUsers: jest.fn((q: string) => of({ items: [buildAdminUser({ username: q || 'bob' })], nextCursor: null })),
    setRoles: jest.fn((id: string, roles: string[]) => of(buildAdminUser({ id, roles: roles as never }))),
    ban: jest.fn((id: string) => of(buildAdminUser({ id, status: 'banned' }))),
    unban: jest.fn((id: string) => of(buildAdminUser({ id }))),
    audit: jest.fn(() => of({ items: [buildAuditEntry()], nextCursor: null })),
    stats: jest.fn(() => of(buildStats())),
    invite: jest.fn((invitation: { email: string }) => of(buildAdminUser({ email: invitation.email }))),
    erase: jest.fn(() => of(undefined)),
    ...overrides,
  } as unknown as AdminApi & Record<keyof AdminApi, jest.Mock>;
}

const conflict = () =>
  new HttpErrorResponse({
    status: 409,
    error: buildErrorBody(409, { code: 'ban_self', message: 'You cannot ban yourself' }),
  });

describe('admin effects', () => {
  describe('loadUsers$', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('lists everyone when the page opens', () => {
      const api = fakeApi();
      const out = collect(effects.loadUsers$(of(AdminPageActions.opened()) as Actions, api));
      expect(api.listUsers).toHaveBeenCalledWith('');
      expect(out).toEqual([
        AdminApiActions.usersLoaded({
          query: '',
          page: { items: [expect.anything()], nextCursor: null },
          append: false,
        }),
      ]);
    });

    it('searches once typing pauses, for the last query only', () => {
      const actions$ = new Subject<Action>();
      const api = fakeApi();
      const out = collect(effects.loadUsers$(actions$ as Actions, api));
      for (const query of ['b', 'bo', ' bob ']) {
        actions$.next(AdminPageActions.searchChanged({ query }));
        jest.advanceTimersByTime(100);
      }
      expect(api.listUsers).not.toHaveBeenCalled();
      jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
      expect(api.listUsers.mock.calls).toEqual([['bob']]);
      expect(out).toEqual([expect.objectContaining({ type: AdminApiActions.usersLoaded.type, query: 'bob' })]);
    });

    it('cancels an older search still in flight', () => {
      const actions$ = new Subject<Action>();
      const first = new Subject<never>();
      const api = fakeApi({
        listUsers: jest
          .fn()
          .mockReturnValueOnce(first)
          .mockReturnValue(of({ items: [], nextCursor: null })),
      });
      collect(effects.loadUsers$(actions$ as Actions, api));
      actions$.next(AdminPageActions.opened());
      expect(first.observed).toBe(true);
      actions$.next(AdminPageActions.searchChanged({ query: 'cy' }));
      jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
      expect(first.observed).toBe(false);
    });

    it('reports a failure with the query it belongs to', () => {
      const api = fakeApi({ listUsers: jest.fn(() => throwError(() => new HttpErrorResponse({ status: 0 }))) });
      const [action] = collect(effects.loadUsers$(of(AdminPageActions.opened()) as Actions, api));
      expect(action).toMatchObject({ type: AdminApiActions.usersLoadFailed.type, query: '', error: { status: 0 } });
    });
  });

  it('loads the next page of the same search', () => {
    const api = fakeApi();
    const out = collect(
      effects.loadMoreUsers$(of(AdminPageActions.moreUsersRequested({ query: 'b', cursor: 'c1' })) as Actions, api),
    );
    expect(api.listUsers).toHaveBeenCalledWith('b', 'c1');
    expect(out).toEqual([
      expect.objectContaining({ type: AdminApiActions.usersLoaded.type, query: 'b', append: true }),
    ]);
  });

  describe('applyChange$', () => {
    const bob = buildAdminUser({ id: 'u-bob' });

    it.each([
      ['makeAdmin', 'setRoles', ['u-bob', ['user', 'admin']]],
      ['removeAdmin', 'setRoles', ['u-bob', ['user']]],
      ['ban', 'ban', ['u-bob']],
      ['unban', 'unban', ['u-bob']],
      ['erase', 'erase', ['u-bob']],
    ] as const)('%s calls %s', (change, method, args) => {
      const api = fakeApi();
      const out = collect(
        effects.applyChange$(of(AdminPageActions.changeConfirmed({ user: bob, change })) as Actions, api),
      );
      expect(api[method]).toHaveBeenCalledWith(...args);
      expect(out).toEqual([
        AdminApiActions.changeSucceeded({ user: expect.objectContaining({ id: 'u-bob' }), change }),
      ]);
    });

    it('passes on the reason the server refused', () => {
      const api = fakeApi({ ban: jest.fn(() => throwError(conflict)) });
      const out = collect(
        effects.applyChange$(of(AdminPageActions.changeConfirmed({ user: bob, change: 'ban' })) as Actions, api),
      );
      expect(out).toEqual([
        AdminApiActions.changeFailed({
          user: bob,
          change: 'ban',
          error: { status: 409, code: 'ban_self', message: 'You cannot ban yourself.', fieldErrors: {} },
        }),
      ]);
    });

    it.each([
      [409, 'erase_self', 'Delete your own account from your profile page, not the admin page'],
      [409, 'last_admin', 'The last administrator cannot be erased'],
      [403, 'protected_admin', 'The administrator set by ADMIN_EMAIL cannot be erased'],
    ])('an erase the server refuses (%s %s) fails with its reason', (status, code, message) => {
      const refused = new HttpErrorResponse({ status, error: buildErrorBody(status, { code, message }) });
      const api = fakeApi({ erase: jest.fn(() => throwError(() => refused)) });
      const out = collect(
        effects.applyChange$(of(AdminPageActions.changeConfirmed({ user: bob, change: 'erase' })) as Actions, api),
      );
      expect(out).toEqual([
        AdminApiActions.changeFailed({ user: bob, change: 'erase', error: { status, code, message, fieldErrors: {} } }),
      ]);
    });

    it('runs changes to different people side by side', () => {
      const pending = new Subject<never>();
      const api = fakeApi({ ban: jest.fn(() => pending) });
      const actions$ = new Subject<Action>();
      const out = collect(effects.applyChange$(actions$ as Actions, api));
      actions$.next(AdminPageActions.changeConfirmed({ user: bob, change: 'ban' }));
      actions$.next(AdminPageActions.changeConfirmed({ user: buildAdminUser({ id: 'u-cy' }), change: 'unban' }));
      expect(out).toEqual([expect.objectContaining({ type: AdminApiActions.changeSucceeded.type, change: 'unban' })]);
    });
  });

  it('reloads the audit log and the stats after a change', () => {
    const api = fakeApi();
    const actions$ = of(AdminApiActions.changeSucceeded({ user: buildAdminUser(), change: 'ban' })) as Actions;
    expect(collect(effects.loadAudit$(actions$, api))).toEqual([
      AdminApiActions.auditLoaded({ page: { items: [buildAuditEntry()], nextCursor: null }, append: false }),
    ]);
    expect(collect(effects.loadStats$(actions$, api))).toEqual([AdminApiActions.statsLoaded({ stats: buildStats() })]);
  });

  it('appends older audit entries', () => {
    const api = fakeApi();
    const out = collect(
      effects.loadMoreAudit$(of(AdminPageActions.moreAuditRequested({ cursor: 'c' })) as Actions, api),
    );
    expect(api.audit).toHaveBeenCalledWith('c');
    expect(out).toEqual([expect.objectContaining({ type: AdminApiActions.auditLoaded.type, append: true })]);
  });

  describe('invite$', () => {
    const invitation = { email: 'cy@example.com', roles: ['user' as const] };

    it('creates the account and reports who was invited', () => {
      const api = fakeApi();
      const out = collect(effects.invite$(of(AdminPageActions.inviteSubmitted({ invitation })) as Actions, api));
      expect(api.invite).toHaveBeenCalledWith(invitation);
      expect(out).toEqual([
        AdminApiActions.inviteSucceeded({ user: expect.objectContaining({ email: 'cy@example.com' }) }),
      ]);
    });

    it('passes on the reason the server refused', () => {
      const api = fakeApi({ invite: jest.fn(() => throwError(conflict)) });
      const out = collect(effects.invite$(of(AdminPageActions.inviteSubmitted({ invitation })) as Actions, api));
      expect(out).toEqual([
        AdminApiActions.inviteFailed({
          error: { status: 409, code: 'ban_self', message: 'You cannot ban yourself.', fieldErrors: {} },
        }),
      ]);
    });
  });
});
