import { inject } from '@angular/core';
import type { AdminUserView } from '@contracts/users';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, debounceTime, exhaustMap, map, merge, mergeMap, type Observable, of, switchMap } from 'rxjs';

import { toApiError } from '../core/api/api-error';
import { AdminApiActions, type AdminChange, AdminPageActions, SEARCH_DEBOUNCE_MS } from './admin-actions';
import { AdminApi } from './admin-api';

// switchMap: only the answer for the latest search matters; an older one still in flight is cancelled.
export const loadUsers$ = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) => {
    return merge(
      actions$.pipe(
        ofType(AdminPageActions.opened),
        map(() => ''),
      ),
      actions$.pipe(
        ofType(AdminPageActions.searchChanged),
        debounceTime(SEARCH_DEBOUNCE_MS),
        map(({ query }) => query.trim()),
      ),
    ).pipe(
      switchMap((query) =>
        api.listUsers(query).pipe(
          map((page) => AdminApiActions.usersLoaded({ query, page, append: false })),
          catchError((error: unknown) => of(AdminApiActions.usersLoadFailed({ query, error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

// exhaustMap: "Load more" pressed twice while a page is on its way would fetch the same page twice.
export const loadMoreUsers$ = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) => {
    return actions$.pipe(
      ofType(AdminPageActions.moreUsersRequested),
      exhaustMap(({ query, cursor }) =>
        api.listUsers(query, cursor).pipe(
          map((page) => AdminApiActions.usersLoaded({ query, page, append: true })),
          catchError((error: unknown) => of(AdminApiActions.usersLoadFailed({ query, error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

// mergeMap: changes to different people are independent; the page disables a person's buttons while theirs runs.
export const applyChange$ = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) => {
    return actions$.pipe(
      ofType(AdminPageActions.changeConfirmed),
      mergeMap(({ user, change }) =>
        request(api, user, change).pipe(
          map((updated) => AdminApiActions.changeSucceeded({ user: updated, change })),
          catchError((error: unknown) => of(AdminApiActions.changeFailed({ user, change, error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

function request(api: AdminApi, user: AdminUserView, change: AdminChange): Observable<AdminUserView> {
  switch (change) {
    case 'makeAdmin':
      return api.setRoles(user.id, ['user', 'admin']);
    case 'removeAdmin':
      return api.setRoles(user.id, ['user']);
    case 'ban':
      return api.ban(user.id);
    case 'unban':
      return api.unban(user.id);
    case 'erase':
      // Nothing comes back: the account is gone (the reducer drops its row).
      return api.erase(user.id).pipe(map(() => user));
  }
}

// exhaustMap: the button is disabled while an invitation is on its way; a double submit must not invite twice.
export const invite$ = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) => {
    return actions$.pipe(
      ofType(AdminPageActions.inviteSubmitted),
      exhaustMap(({ invitation }) =>
        api.invite(invitation).pipe(
          map((user) => AdminApiActions.inviteSucceeded({ user })),
          catchError((error: unknown) => of(AdminApiActions.inviteFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

/** The audit log's first page when the page opens and after each change (which added a row to it). */
export const loadAudit$ = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) => {
    return actions$.pipe(
      ofType(AdminPageActions.opened, AdminApiActions.changeSucceeded, AdminApiActions.inviteSucceeded),
      switchMap(() =>
        api.audit().pipe(
          map((page) => AdminApiActions.auditLoaded({ page, append: false })),
          catchError((error: unknown) => of(AdminApiActions.auditLoadFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

export const loadMoreAudit$ = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) => {
    return actions$.pipe(
      ofType(AdminPageActions.moreAuditRequested),
      exhaustMap(({ cursor }) =>
        api.audit(cursor).pipe(
          map((page) => AdminApiActions.auditLoaded({ page, append: true })),
          catchError((error: unknown) => of(AdminApiActions.auditLoadFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

/** Stats when the page opens, and again after a change (a ban takes someone offline). */
export const loadStats$ = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) => {
    return actions$.pipe(
      ofType(AdminPageActions.opened, AdminApiActions.changeSucceeded),
      switchMap(() =>
        api.stats().pipe(
          map((stats) => AdminApiActions.statsLoaded({ stats })),
          catchError((error: unknown) => of(AdminApiActions.statsLoadFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);
