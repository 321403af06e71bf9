import { inject } from '@angular/core';
import { Router, TitleStrategy } from '@angular/router';
import type { ConversationView, MessageView } from '@contracts/messages';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { distinctUntilChanged, filter, map, tap, withLatestFrom } from 'rxjs';

import { authFeature } from '../../core/auth/auth-feature';
import { PageTitle } from '../../core/page-title';
import { friendsFeature } from '../../friends/friends-feature';
import { DesktopNotifications } from '../../notifications/desktop-notifications';
import { FaviconBadge } from '../../notifications/favicon-badge';
import { isQuiet } from '../../notifications/quiet';
import { mediaPreview } from '../chat-format';
import { conversationTitle, nameIn } from '../conversation-people';
import { NotificationSound } from '../notification-sound';
import { PageVisibility } from '../page-visibility';
import { ChatSocketActions } from './chat-actions';
import { conversationsFeature } from './conversations-feature';

/**
 * A message from someone else that the person is not looking at (the tab is hidden or another chat is open), in a
 * conversation they have not muted, outside do-not-disturb. Not a group's system line (it is not unread either),
 * nor a message from someone they blocked (a group keeps showing it, collapsed).
 */
function unseenIncoming$(actions$: Actions, store: Store, visibility: PageVisibility) {
  return actions$.pipe(
    ofType(ChatSocketActions.messageReceived),
    withLatestFrom(
      store.select(authFeature.selectUser),
      store.select(conversationsFeature.selectOpenId),
      store.select(conversationsFeature.selectEntities),
      store.select(friendsFeature.selectRelationshipOf),
    ),
    filter(
      ([{ message }, user, openId, conversations, relationshipOf]) =>
        !!user &&
        message.senderId !== user.id &&
        message.kind !== 'system' &&
        relationshipOf(message.senderId) !== 'blocked' &&
        (!visibility.isVisible() || openId !== message.conversationId) &&
        !isQuiet(user, conversations[message.conversationId], new Date()),
    ),
    map(([{ message }, user, , conversations]) => ({
      message,
      user: user!,
      conversation: conversations[message.conversationId],
    })),
  );
}

/** A chime, if the person's settings allow sound. */
export const chimeOnIncoming$ = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    visibility = inject(PageVisibility),
    sound = inject(NotificationSound),
  ) => {
    return unseenIncoming$(actions$, store, visibility).pipe(
      filter(({ user }) => user.settings.sound),
      tap(() => sound.play()),
    );
  },
  { functional: true, dispatch: false },
);

/** A desktop notification (once turned on); clicking it brings the tab forward on that conversation. */
export const desktopNotificationOnIncoming$ = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    visibility = inject(PageVisibility),
    desktop = inject(DesktopNotifications),
    router = inject(Router),
  ) => {
    return unseenIncoming$(actions$, store, visibility).pipe(
      filter(() => desktop.enabled()),
      tap(({ message, conversation }) =>
        desktop.show({
          title: titleOf(conversation),
          body:
            conversation?.kind === 'group'
              ? `${nameIn(conversation, message.senderId)}: ${previewOf(message)}`
              : previewOf(message),
          tag: `conversation-${message.conversationId}`,
          onClick: () => void router.navigate(['/c', message.conversationId]),
        }),
      ),
    );
  },
  { functional: true, dispatch: false },
);

/** "(3) Chats · Portal Chat" and a badge on the tab's icon: the unread total. */
export const unreadInTitle$ = createEffect(
  (store = inject(Store), titles = inject(TitleStrategy), favicon = inject(FaviconBadge)) => {
    return store.select(conversationsFeature.selectUnreadTotal).pipe(
      distinctUntilChanged(),
      tap((unread) => {
        if (titles instanceof PageTitle) titles.setUnread(unread);
        favicon.show(unread);
      }),
    );
  },
  { functional: true, dispatch: false },
);

/** The sender's name in a direct chat, the group's in a group (the body names the sender). */
function titleOf(conversation: ConversationView | undefined): string {
  return (
    (conversation && conversationTitle(conversation)) || $localize`:@@notifications.desktop.newMessageTitle:New message`
  );
}

function previewOf(message: MessageView): string {
  if (message.text) return message.text;
  switch (message.kind) {
    case 'image':
      return $localize`:@@notifications.desktop.photo:Photo`;
    case 'video':
      return $localize`:@@notifications.desktop.video:Video`;
    default:
      return mediaPreview(message.kind === 'audio' ? 'audio' : 'file', message.media?.name);
  }
}
