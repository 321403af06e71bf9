import { HttpClient } from '@angular/common/http';
import { inject } from '@angular/core';
import type { CurrentUserView } from '@contracts/users';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, concatMap, distinctUntilChanged, filter, from, map, of } from 'rxjs';

import { toApiError } from '../core/api/api-error';
import { authFeature } from '../core/auth/auth-feature';
import { DesktopNotifications } from './desktop-notifications';
import { MuteMenuActions, NotificationsApiActions, NotificationSettingsActions } from './notification-actions';
import { WebPush } from './web-push';

export const saveNotificationSettings$ = createEffect(
  (actions$ = inject(Actions), http = inject(HttpClient)) => {
    return actions$.pipe(
      ofType(NotificationSettingsActions.settingsChanged),
      concatMap(({ settings }) =>
        http.patch<CurrentUserView>('/api/users/me', { settings }).pipe(
          map((user) => NotificationsApiActions.settingsSaved({ user })),
          catchError((error: unknown) =>
            of(NotificationsApiActions.settingsSaveFailed({ error: toApiError(error).message })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/** Push follows the desktop setting: subscribed once it is turned on, dropped when turned off. */
export const pushFollowsDesktopSetting$ = createEffect(
  (actions$ = inject(Actions), push = inject(WebPush)) => {
    return actions$.pipe(
      ofType(NotificationSettingsActions.desktopTurnedOn, NotificationSettingsActions.desktopTurnedOff),
      concatMap(({ type }) =>
        from(type === NotificationSettingsActions.desktopTurnedOn.type ? push.subscribe() : push.unsubscribe()),
      ),
    );
  },
  { functional: true, dispatch: false },
);

/** At each sign-in, the push subscription goes to the server again (it may belong to whoever used it before). */
export const pushRenewedAtSignIn$ = createEffect(
  (store = inject(Store), desktop = inject(DesktopNotifications), push = inject(WebPush)) => {
    return store.select(authFeature.selectUser).pipe(
      map((user) => user?.id ?? null),
      distinctUntilChanged(),
      filter((id) => id !== null && desktop.enabled()),
      concatMap(() => from(push.subscribe())),
    );
  },
  { functional: true, dispatch: false },
);

export const muteConversation$ = createEffect(
  (actions$ = inject(Actions), http = inject(HttpClient)) => {
    return actions$.pipe(
      ofType(MuteMenuActions.muteChosen, MuteMenuActions.unmuteChosen),
      concatMap((action) => {
        const url = `/api/conversations/${encodeURIComponent(action.conversationId)}/mute`;
        const muting = action.type === MuteMenuActions.muteChosen.type;
        const until = muting ? (action as ReturnType<typeof MuteMenuActions.muteChosen>).until : null;
        const request$ = muting ? http.put<void>(url, { until }) : http.delete<void>(url);
        return request$.pipe(
          map(() =>
            NotificationsApiActions.muteChanged({
              conversationId: action.conversationId,
              muted: muting,
              mutedUntil: until,
            }),
          ),
          catchError((error: unknown) =>
            of(
              NotificationsApiActions.muteFailed({
                conversationId: action.conversationId,
                error: toApiError(error).message,
              }),
            ),
          ),
        );
      }),
    );
  },
  { functional: true },
);
