import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, EMPTY, filter, map, of, switchMap, withLatestFrom } from 'rxjs';

import { toApiError } from '../../core/api/api-error';
import { ChatApi } from '../chat-api';
import { ChatPageActions, MessagesApiActions } from './chat-actions';
import { messagesFeature } from './messages-feature';

/**
 * The one home of "open the conversation at a message", however old: a search result (opened with `at`) and a
 * reply's original (a jump). Unless the thread holds it already, the history around it replaces what the thread held
 * (see `jumpLoaded`); a newer jump supersedes one still loading.
 */
export const openAtMessage$ = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(ChatApi)) => {
    return actions$.pipe(
      ofType(ChatPageActions.opened, ChatPageActions.jumpRequested),
      map((action) => ({
        conversationId: action.conversationId,
        messageId: 'messageId' in action ? action.messageId : action.at,
      })),
      withLatestFrom(store.select(messagesFeature.selectThreads)),
      filter(([{ messageId }]) => Boolean(messageId)),
      switchMap(([{ conversationId, messageId }, threads]) => {
        const thread = threads[conversationId];
        const held =
          thread?.status === 'loaded' && (thread.ids as string[]).some((key) => thread.entities[key]?.id === messageId);
        if (held || !messageId) return EMPTY;
        return api.around(conversationId, messageId).pipe(
          map((window) =>
            MessagesApiActions.jumpLoaded({
              conversationId,
              messageId,
              messages: window.items,
              hasOlder: !!window.olderCursor,
              hasNewer: !!window.newerCursor,
            }),
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
