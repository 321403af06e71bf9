import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, concatMap, map, of, switchMap } from 'rxjs';
import { toApiError } from '../core/api/api-error';
import { UsersApi } from '../core/api/users-api';
import { ProfileApiActions, ProfilePageActions } from './profile-actions';

/** Fetch the account when the page opens, so edits made in another tab or device show up. */
export const loadProfile$ = createEffect(
  (actions$ = inject(Actions), api = inject(UsersApi)) =>
    actions$.pipe(
      ofType(ProfilePageActions.opened),
      switchMap(() =>
        api.getMe().pipe(
          map((user) => ProfileApiActions.loadSucceeded({ user })),
          catchError((error: unknown) => of(ProfileApiActions.loadFailed({ error: toApiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

// concatMap: saves apply in the order they were made, so the last one wins on the server as it does on screen.
export const saveProfile$ = createEffect(
  (actions$ = inject(Actions), api = inject(UsersApi)) =>
    actions$.pipe(
      ofType(ProfilePageActions.saveSubmitted),
      concatMap(({ changes }) =>
        api.updateMe(changes).pipe(
          map((user) => ProfileApiActions.saveSucceeded({ user })),
          catchError((error: unknown) => of(ProfileApiActions.saveFailed({ error: toApiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);
