import { inject } from '@angular/core';
import type { MessageReactionsView, MessageView } from '@contracts/messages';
import {
  type ConversationRemovedPayload,
  type ConversationUpdatedPayload,
  type MessageDeletedPayload,
  type MessageHiddenPayload,
  type MessageNewPayload,
  MessageServerEvent,
  type ReceiptPayload,
  type TypingPayload,
  type UserErasedPayload,
} from '@contracts/socket-events';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { type Action, Store } from '@ngrx/store';
import { catchError, EMPTY, map, merge, type Observable, switchMap, withLatestFrom } from 'rxjs';

import { RealtimeSocket } from '../../core/socket/realtime-socket';
import { SocketActions } from '../../core/socket/socket-actions';
import { ChatApi } from '../chat-api';
import { ChatSocketActions, MessagesApiActions } from './chat-actions';
import { catchUpCursor, messagesFeature } from './messages-feature';

/** Every chat event the server pushes, as an action. */
export const chatSocketEvents$ = createEffect(
  (socket = inject(RealtimeSocket)) => {
    return merge(
      socket
        .on<MessageNewPayload>(MessageServerEvent.MessageNew)
        .pipe(map(({ message }) => ChatSocketActions.messageReceived({ message }))),
      socket
        .on<{ message: MessageView }>(MessageServerEvent.MessageUpdated)
        .pipe(map(({ message }) => ChatSocketActions.messageUpdated({ message }))),
      socket
        .on<MessageDeletedPayload>(MessageServerEvent.MessageDeleted)
        .pipe(
          map(({ id, conversationId, deletedAt }) =>
            ChatSocketActions.messageDeleted({ id, conversationId, deletedAt }),
          ),
        ),
      socket
        .on<MessageReactionsView>(MessageServerEvent.MessageReactions)
        .pipe(
          map(({ messageId, conversationId, reactions, version }) =>
            ChatSocketActions.reactionsChanged({ messageId, conversationId, reactions, version }),
          ),
        ),
      socket
        .on<MessageHiddenPayload>(MessageServerEvent.MessageHidden)
        .pipe(map(({ id, conversationId }) => ChatSocketActions.messageHidden({ id, conversationId }))),
      socket
        .on<ReceiptPayload>(MessageServerEvent.ConversationDelivered)
        .pipe(
          map(({ conversationId, userId, upTo, upToSeq }) =>
            ChatSocketActions.conversationDelivered({ conversationId, userId, upTo, upToSeq }),
          ),
        ),
      socket
        .on<ReceiptPayload>(MessageServerEvent.ConversationRead)
        .pipe(
          map(({ conversationId, userId, upTo, upToSeq }) =>
            ChatSocketActions.conversationRead({ conversationId, userId, upTo, upToSeq }),
          ),
        ),
      socket
        .on<TypingPayload>(MessageServerEvent.Typing)
        .pipe(
          map(({ conversationId, userId, typing }) =>
            ChatSocketActions.typingChanged({ conversationId, userId, typing }),
          ),
        ),
      socket
        .on<UserErasedPayload>(MessageServerEvent.UserErased)
        .pipe(map(({ user }) => ChatSocketActions.participantErased({ user }))),
      socket
        .on<ConversationUpdatedPayload>(MessageServerEvent.ConversationUpdated)
        .pipe(map(({ conversation }) => ChatSocketActions.conversationUpdated({ conversation }))),
      socket
        .on<ConversationRemovedPayload>(MessageServerEvent.ConversationRemoved)
        .pipe(map(({ conversationId, upToSeq }) => ChatSocketActions.conversationRemoved({ conversationId, upToSeq }))),
    );
  },
  { functional: true },
);

/**
 * Events sent while the socket was down are gone, so after every (re)connect each conversation held fetches
 * whatever is newer than its catch-up cursor (see `catchUpCursor`), page by page until the end. Merged by clientId and id, so
 * what also arrived live is not shown twice. A thread that held nothing stored yet reloads its newest page.
 */
export const catchUpAfterReconnect$ = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(ChatApi)) => {
    return actions$.pipe(
      ofType(SocketActions.connected),
      withLatestFrom(store.select(messagesFeature.selectThreads)),
      switchMap(([, threads]) =>
        merge(
          ...Object.entries(threads)
            // A window away from the newest pages on by itself as it is scrolled (see loadNewerPage$).
            .filter(([, thread]) => thread?.status === 'loaded' && !thread.hasNewer)
            .map(([conversationId, thread]) => {
              const after = catchUpCursor(thread!);
              const request: Observable<Action> = after
                ? api
                    .allAfter(conversationId, after)
                    .pipe(map((messages) => MessagesApiActions.caughtUp({ conversationId, messages })))
                : api.history(conversationId, {}).pipe(
                    map((page) =>
                      MessagesApiActions.newestPageLoaded({
                        conversationId,
                        messages: page.items,
                        hasOlder: !!page.nextCursor,
                      }),
                    ),
                  );
              // The next reconnect tries again; one failing conversation must not stop the others.
              return request.pipe(catchError(() => EMPTY));
            }),
        ),
      ),
    );
  },
  { functional: true },
);
