import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { auditTime, catchError, filter, map, merge, of, switchMap, tap, withLatestFrom } from 'rxjs';

import { toApiError } from '../../core/api/api-error';
import { SocketActions } from '../../core/socket/socket-actions';
import { FriendsPanelActions } from '../../friends/friends-actions';
import { ChatApi } from '../chat-api';
import { ChatSocketActions, ConversationsApiActions, MessagesApiActions } from './chat-actions';
import { conversationsFeature } from './conversations-feature';

/**
 * The chat list is fetched each time the socket connects (right after sign-in, and after every reconnect, so
 * anything that happened while away shows up), and when a message arrives in a conversation not listed yet (a
 * friend wrote first). Not on sign-in itself: the connect that follows would cancel that load. switchMap: only the
 * latest answer matters.
 */
export const loadConversations$ = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(ChatApi)) => {
    const connected$ = actions$.pipe(ofType(SocketActions.connected));
    const unknownConversation$ = actions$.pipe(
      ofType(ChatSocketActions.messageReceived),
      withLatestFrom(store.select(conversationsFeature.selectEntities)),
      filter(([{ message }, entities]) => !entities[message.conversationId]),
      auditTime(250),
    );
    // Deleting for me the message a chat previews empties the preview (the reducer ran first): the server knows
    // which message I still see before it, and my unread count without it.
    const hiddenPreview$ = actions$.pipe(
      ofType(MessagesApiActions.deleteForMeSucceeded, ChatSocketActions.messageHidden),
      withLatestFrom(store.select(conversationsFeature.selectEntities)),
      filter(([{ conversationId }, entities]) => entities[conversationId]?.lastMessage === null),
    );
    return merge(connected$, unknownConversation$, hiddenPreview$).pipe(
      switchMap(() =>
        api.allConversations().pipe(
          map((conversations) => ConversationsApiActions.listLoaded({ conversations })),
          catchError((error: unknown) =>
            of(ConversationsApiActions.listLoadFailed({ error: toApiError(error).message })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/** "Message" on a friend (or anyone, with DIRECT_MESSAGES=everyone): get or create the conversation. */
export const openChatWithFriend$ = createEffect(
  (actions$ = inject(Actions), api = inject(ChatApi)) => {
    return actions$.pipe(
      ofType(FriendsPanelActions.chatRequested),
      switchMap(({ userId }) =>
        api.openWith({ userId }).pipe(
          map((conversation) => ConversationsApiActions.openSucceeded({ conversation })),
          catchError((error: unknown) => of(ConversationsApiActions.openFailed({ error: toApiError(error).message }))),
        ),
      ),
    );
  },
  { functional: true },
);

export const navigateToOpenedChat$ = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) => {
    return actions$.pipe(
      ofType(ConversationsApiActions.openSucceeded),
      // From a deep link (/u/…) the link's page is replaced: going back does not open the chat again.
      tap(({ conversation }) => router.navigate(['/c', conversation.id], { replaceUrl: router.url.startsWith('/u/') })),
    );
  },
  { functional: true, dispatch: false },
);
