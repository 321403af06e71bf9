import { inject } from '@angular/core';
import { TitleStrategy } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { distinctUntilChanged, filter, tap, withLatestFrom } from 'rxjs';

import { authFeature } from '../../core/auth/auth-feature';
import { PageTitle } from '../../core/page-title';
import { NotificationSound } from '../notification-sound';
import { PageVisibility } from '../page-visibility';
import { ChatSocketActions } from './chat-actions';
import { conversationsFeature } from './conversations-feature';

/** A chime for a message from someone else that the person is not looking at, if their settings allow sound. */
export const chimeOnIncoming$ = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    sound = inject(NotificationSound),
    visibility = inject(PageVisibility),
  ) => {
    return actions$.pipe(
      ofType(ChatSocketActions.messageReceived),
      withLatestFrom(store.select(authFeature.selectUser), store.select(conversationsFeature.selectOpenId)),
      filter(
        ([{ message }, user, openId]) =>
          !!user &&
          user.settings.sound &&
          message.senderId !== user.id &&
          (!visibility.isVisible() || openId !== message.conversationId),
      ),
      tap(() => sound.play()),
    );
  },
  { functional: true, dispatch: false },
);

/** "(3) Chats · Portal Chat": the unread total in the tab title. */
export const unreadInTitle$ = createEffect(
  (store = inject(Store), titles = inject(TitleStrategy)) => {
    return store.select(conversationsFeature.selectUnreadTotal).pipe(
      distinctUntilChanged(),
      tap((unread) => {
        if (titles instanceof PageTitle) titles.setUnread(unread);
      }),
    );
  },
  { functional: true, dispatch: false },
);
