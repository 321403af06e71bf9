import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { distinctUntilChanged, filter, map, skip, switchMap, tap } from 'rxjs';

import { AuthApiActions, AuthTabActions } from '../../core/auth/auth-actions';
import { DraftsStorageActions } from './chat-actions';
import { selectMyId } from './chat-selectors';
import { draftsFeature } from './drafts-feature';

/** Drafts live in this browser's localStorage, per person, so they survive going elsewhere and reloads. */
const PREFIX = 'chat.drafts.';
const keyOf = (userId: string) => `${PREFIX}${userId}`;

function read(userId: string): Record<string, string> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(keyOf(userId)) ?? '{}');
    if (typeof stored !== 'object' || stored === null) return {};
    return Object.fromEntries(Object.entries(stored).filter((entry) => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

/** Signed in (page load, sign-in): the person's drafts from this device; from then on every change is stored. */
export const keepDrafts$ = createEffect(
  (store = inject(Store)) => {
    return store.select(selectMyId).pipe(
      distinctUntilChanged(),
      filter((userId) => userId !== null),
      tap((userId) => store.dispatch(DraftsStorageActions.restored({ drafts: read(userId) }))),
      switchMap((userId) =>
        store.select(draftsFeature.selectDrafts).pipe(
          distinctUntilChanged(),
          // The first value is what was just restored.
          skip(1),
          map((drafts) => ({ userId, drafts })),
        ),
      ),
      tap(({ userId, drafts }) => {
        try {
          if (Object.keys(drafts).length) localStorage.setItem(keyOf(userId), JSON.stringify(drafts));
          else localStorage.removeItem(keyOf(userId));
        } catch {
          // Storage full or off: the drafts still live for this page's lifetime.
        }
      }),
    );
  },
  { functional: true, dispatch: false },
);

/** Sign-out (here, in another tab, or ended by the server) leaves no one's drafts on the device. */
export const forgetDrafts$ = createEffect(
  (actions$ = inject(Actions)) => {
    return actions$.pipe(
      ofType(AuthApiActions.signedOut, AuthApiActions.sessionExpired, AuthTabActions.signedOutElsewhere),
      tap(() => {
        for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
      }),
    );
  },
  { functional: true, dispatch: false },
);
