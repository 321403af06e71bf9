import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, concatMap, map, mergeMap, of } from 'rxjs';

import { toApiError } from '../../core/api/api-error';
import { ChatApi } from '../chat-api';
import { ChatPageActions, MessagesApiActions } from './chat-actions';

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
