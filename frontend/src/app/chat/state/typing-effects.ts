import { inject } from '@angular/core';
import { MessageClientEvent } from '@contracts/socket-events';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { EMPTY, groupBy, map, merge, mergeMap, scan, switchMap, tap, timer } from 'rxjs';

import { RealtimeSocket } from '../../core/socket/realtime-socket';
import { ChatPageActions, ChatReceiptActions, ChatSocketActions } from './chat-actions';
import {
  idleTyping,
  TYPING_EXPIRE_MS,
  TYPING_IDLE_MS,
  type TypingEvent,
  type TypingSignal,
  typingStep,
} from './typing';

/** Keystrokes in the composer become throttled typing true/false events (see `typingStep`). */
export const sendTyping$ = createEffect(
  (actions$ = inject(Actions), socket = inject(RealtimeSocket)) => {
    const input$ = actions$.pipe(
      ofType(ChatPageActions.composerTyped),
      map(({ conversationId }): TypingEvent => ({ kind: 'input', conversationId })),
    );
    const stop$ = merge(
      actions$.pipe(ofType(ChatPageActions.messageSent, ChatPageActions.opened, ChatPageActions.closed)),
      input$.pipe(switchMap(() => timer(TYPING_IDLE_MS))),
    ).pipe(map((): TypingEvent => ({ kind: 'stop' })));
    return merge(input$, stop$).pipe(
      scan(({ state }, event) => typingStep(state, event, Date.now()), {
        state: idleTyping,
        signals: [] as TypingSignal[],
      }),
      mergeMap(({ signals }) => signals),
      tap((signal) => socket.notify(MessageClientEvent.Typing, signal)),
    );
  },
  { functional: true, dispatch: false },
);

/** Hides someone's indicator when it was not refreshed in time (their tab closed mid-sentence). */
export const expireTyping$ = createEffect(
  (actions$ = inject(Actions)) => {
    return actions$.pipe(
      ofType(ChatSocketActions.typingChanged),
      groupBy(({ conversationId, userId }) => `${conversationId}:${userId}`),
      mergeMap((changes$) =>
        changes$.pipe(
          switchMap(({ conversationId, userId, typing }) =>
            typing
              ? timer(TYPING_EXPIRE_MS).pipe(map(() => ChatReceiptActions.typingExpired({ conversationId, userId })))
              : EMPTY,
          ),
        ),
      ),
    );
  },
  { functional: true },
);
