import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, concatMap, EMPTY, exhaustMap, map, mergeMap, of, withLatestFrom } from 'rxjs';

import { toApiError } from '../../core/api/api-error';
import { ChatApi } from '../chat-api';
import { ChatPageActions, MessagesApiActions } from './chat-actions';
import { firstStoredId, messagesFeature } from './messages-feature';

/**
 * Reactions go one after another, so a quick add-then-remove reaches the server in that order (the reducer has shown
 * each already, and sets it back when refused).
 */
export const toggleReaction$ = createEffect(
  (actions$ = inject(Actions), api = inject(ChatApi)) => {
    return actions$.pipe(
      ofType(ChatPageActions.reactionToggled),
      concatMap(({ type: _type, ...toggle }) =>
        api.react(toggle.messageId, toggle.emoji, toggle.on).pipe(
          map((view) => MessagesApiActions.reactionsChanged(view)),
          catchError((error: unknown) =>
            of(MessagesApiActions.reactionFailed({ ...toggle, error: toApiError(error).message })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

export const forwardMessage$ = createEffect(
  (actions$ = inject(Actions), api = inject(ChatApi)) => {
    return actions$.pipe(
      ofType(ChatPageActions.forwardConfirmed),
      mergeMap(({ messageId, conversationId, clientId }) =>
        api.forward(messageId, conversationId, clientId).pipe(
          map((message) => MessagesApiActions.forwardSucceeded({ message })),
          catchError((error: unknown) =>
            of(MessagesApiActions.forwardFailed({ conversationId, error: toApiError(error).message })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/** A jump to a message not held yet loads the older pages down to it (nothing when it is held already). */
export const jumpToMessage$ = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(ChatApi)) => {
    return actions$.pipe(
      ofType(ChatPageActions.jumpRequested),
      withLatestFrom(store.select(messagesFeature.selectThreads)),
      exhaustMap(([{ conversationId, messageId }, threads]) => {
        const thread = threads[conversationId];
        const before = thread && firstStoredId(thread);
        const held = thread && Object.values(thread.entities).some((message) => message?.id === messageId);
        if (!before || held || !thread.hasOlder) return EMPTY;
        return api.pagesBackTo(conversationId, before, messageId).pipe(
          map(({ messages, hasOlder }) =>
            MessagesApiActions.jumpLoaded({ conversationId, messageId, messages, hasOlder }),
          ),
          catchError((error: unknown) =>
            of(MessagesApiActions.jumpFailed({ conversationId, messageId, error: toApiError(error).message })),
          ),
        );
      }),
    );
  },
  { functional: true },
);
