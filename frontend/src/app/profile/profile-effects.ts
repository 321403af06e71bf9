import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, concatMap, exhaustMap, map, mergeMap, of, switchMap, tap } from 'rxjs';

import { AccountApi } from '../core/api/account-api';
import { toApiError } from '../core/api/api-error';
import { MediaApi } from '../core/api/media-api';
import { saveFile } from '../core/api/save-file';
import { UsersApi } from '../core/api/users-api';
import { AuthApiActions } from '../core/auth/auth-actions';
import { ProfileApiActions, ProfilePageActions } from './profile-actions';

/** Fetch the account when the page opens, so edits made in another tab or device show up. */
export const loadProfile$ = createEffect(
  (actions$ = inject(Actions), api = inject(UsersApi)) => {
    return actions$.pipe(
      ofType(ProfilePageActions.opened),
      switchMap(() =>
        api.getMe().pipe(
          map((user) => ProfileApiActions.loadSucceeded({ user })),
          catchError((error: unknown) => of(ProfileApiActions.loadFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

// concatMap: saves apply in the order they were made, so the last one wins on the server as it does on screen.
export const saveProfile$ = createEffect(
  (actions$ = inject(Actions), api = inject(UsersApi)) => {
    return actions$.pipe(
      ofType(ProfilePageActions.saveSubmitted),
      concatMap(({ changes }) =>
        api.updateMe(changes).pipe(
          map((user) => ProfileApiActions.saveSucceeded({ user })),
          catchError((error: unknown) => of(ProfileApiActions.saveFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

/** The active sessions, when the page opens and after a password change (which ends all the others). */
export const loadSessions$ = createEffect(
  (actions$ = inject(Actions), api = inject(AccountApi)) => {
    return actions$.pipe(
      ofType(ProfilePageActions.opened, ProfileApiActions.passwordChanged),
      switchMap(() =>
        api.listSessions().pipe(
          map((page) => ProfileApiActions.sessionsLoaded({ sessions: page.items })),
          catchError((error: unknown) => of(ProfileApiActions.sessionsLoadFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

export const changePassword$ = createEffect(
  (actions$ = inject(Actions), api = inject(AccountApi)) => {
    return actions$.pipe(
      ofType(ProfilePageActions.passwordChangeSubmitted),
      exhaustMap(({ change }) =>
        api.changePassword(change).pipe(
          map(() => ProfileApiActions.passwordChanged()),
          catchError((error: unknown) => of(ProfileApiActions.passwordChangeFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

// mergeMap: signing out one session must not cancel or wait for signing out another.
export const signOutSession$ = createEffect(
  (actions$ = inject(Actions), api = inject(AccountApi)) => {
    return actions$.pipe(
      ofType(ProfilePageActions.sessionSignOutClicked),
      mergeMap(({ sessionId }) =>
        api.endSession(sessionId).pipe(
          map(() => ProfileApiActions.sessionSignedOut({ sessionId })),
          catchError((error: unknown) =>
            of(ProfileApiActions.sessionSignOutFailed({ sessionId, error: toApiError(error) })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

// exhaustMap: one change of picture at a time; the page disables its buttons meanwhile.
export const changeAvatar$ = createEffect(
  (actions$ = inject(Actions), api = inject(MediaApi)) => {
    return actions$.pipe(
      ofType(ProfilePageActions.avatarUploadConfirmed, ProfilePageActions.avatarRemoveClicked),
      exhaustMap((action) => {
        const request$ =
          action.type === ProfilePageActions.avatarUploadConfirmed.type
            ? api
                .setAvatar(action.file)
                .pipe(
                  map((event) =>
                    event.kind === 'progress'
                      ? ProfileApiActions.avatarUploadProgressed({ progress: event.progress })
                      : ProfileApiActions.avatarChanged({ user: event.body }),
                  ),
                )
            : api.removeAvatar().pipe(map((user) => ProfileApiActions.avatarChanged({ user })));
        return request$.pipe(
          catchError((error: unknown) => of(ProfileApiActions.avatarChangeFailed({ error: toApiError(error) }))),
        );
      }),
    );
  },
  { functional: true },
);

/** "Download my data": fetch the archive with the access token, then hand it to the browser as a download. */
export const exportData$ = createEffect(
  (actions$ = inject(Actions), api = inject(UsersApi)) => {
    return actions$.pipe(
      ofType(ProfilePageActions.exportClicked),
      exhaustMap(() =>
        api.exportData().pipe(
          tap(({ blob, filename }) => saveFile(blob, filename)),
          map(() => ProfileApiActions.exportDownloaded()),
          catchError((error: unknown) => of(ProfileApiActions.exportFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

/** Once the account is gone, so is the session: signed out here, and the login page says why. */
export const eraseAccount$ = createEffect(
  (actions$ = inject(Actions), api = inject(UsersApi)) => {
    return actions$.pipe(
      ofType(ProfilePageActions.eraseConfirmed),
      exhaustMap(({ password }) =>
        api.eraseMe(password).pipe(
          map(() => AuthApiActions.sessionExpired('account_erased')),
          catchError((error: unknown) => of(ProfileApiActions.eraseFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);
