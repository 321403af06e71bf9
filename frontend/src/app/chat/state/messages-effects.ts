import { inject } from '@angular/core';
import type { ApiErrorBody } from '@contracts/errors';
import type { MessageView } from '@contracts/messages';
import { MessageClientEvent } from '@contracts/socket-events';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { type Action, Store } from '@ngrx/store';
import {
  catchError,
  concatMap,
  defer,
  EMPTY,
  exhaustMap,
  filter,
  from,
  groupBy,
  map,
  mergeMap,
  type Observable,
  of,
  switchMap,
  tap,
  throwError,
  timeout,
  timer,
  withLatestFrom,
} from 'rxjs';

import { toApiError } from '../../core/api/api-error';
import { RealtimeSocket } from '../../core/socket/realtime-socket';
import { ChatApi } from '../chat-api';
import { SEND_TIMEOUT_MS, type SendRequest, sendRequestOf } from '../chat-models';
import { ChatPageActions, MediaApiActions, MessagesApiActions } from './chat-actions';
import { firstStoredId, messagesFeature } from './messages-feature';

/** Opening a conversation that is not held yet (the reducer marked it `loading`) fetches its newest page. */
export const loadNewestPage$ = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(ChatApi)) => {
    return actions$.pipe(
      ofType(ChatPageActions.opened),
      withLatestFrom(store.select(messagesFeature.selectThreads)),
      filter(([{ conversationId }, threads]) => threads[conversationId]?.status === 'loading'),
      switchMap(([{ conversationId }]) =>
        api.history(conversationId, {}).pipe(
          map((page) =>
            MessagesApiActions.newestPageLoaded({ conversationId, messages: page.items, hasOlder: !!page.nextCursor }),
          ),
          catchError((error: unknown) =>
            of(MessagesApiActions.newestPageFailed({ conversationId, error: toApiError(error).message })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/** Scrolling up: one request per conversation at a time (exhaustMap), the scroll events in between are ignored. */
export const loadOlderPage$ = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(ChatApi)) => {
    return actions$.pipe(
      ofType(ChatPageActions.olderRequested),
      withLatestFrom(store.select(messagesFeature.selectThreads)),
      map(([{ conversationId }, threads]) => ({ conversationId, thread: threads[conversationId] })),
      groupBy(({ conversationId }) => conversationId),
      mergeMap((requests$) =>
        requests$.pipe(
          exhaustMap(({ conversationId, thread }) => {
            const before = thread?.loadingOlder ? firstStoredId(thread) : null;
            if (!before) return EMPTY;
            return api.history(conversationId, { before }).pipe(
              map((page) =>
                MessagesApiActions.olderPageLoaded({
                  conversationId,
                  messages: page.items,
                  hasOlder: !!page.nextCursor,
                }),
              ),
              catchError((error: unknown) =>
                of(MessagesApiActions.olderPageFailed({ conversationId, error: toApiError(error).message })),
              ),
            );
          }),
        ),
      ),
    );
  },
  { functional: true },
);

/**
 * Sends go over the socket one after another (concatMap), so they reach the server in the order they were typed.
 * Each has a deadline counted from when it was queued, not from when its turn came: messages typed offline all
 * fail after about ten seconds instead of one after the other. A retry sends the same clientId, which the server
 * treats as the same message, so a send that did arrive (only its ack was lost) is never stored twice. A picture or
 * video joins the queue when its upload is done (see the upload effect), with the stored media's id.
 *
 * A send refused for going too fast (429) stays pending and goes again, same clientId, once the server's
 * `retryAfterMs` has passed. The queue waits with it, and that wait does not count against anyone's deadline.
 */
export const sendMessage$ = createEffect(
  (actions$ = inject(Actions), socket = inject(RealtimeSocket)) => {
    /** All the time the queue has waited on rate limits; a deadline moves on by what was waited since it was set. */
    let rateLimitedMs = 0;
    return actions$.pipe(
      ofType(ChatPageActions.messageSent, ChatPageActions.retryClicked, MediaApiActions.uploadSucceeded),
      map((action) => sendRequestFor(action)),
      filter((request) => request !== null),
      map((request) => ({ request, deadline: Date.now() + SEND_TIMEOUT_MS, waitedBefore: rateLimitedMs })),
      concatMap(({ request: { senderId, ...payload }, deadline, waitedBefore }) => {
        const attempt = (): Observable<Action> =>
          defer(() => {
            const remaining = deadline + (rateLimitedMs - waitedBefore) - Date.now();
            if (remaining <= 0) return throwError(() => new Error('timeout'));
            return from(socket.request<{ message: MessageView }>(MessageClientEvent.Send, payload)).pipe(
              timeout({ first: remaining }),
            );
          }).pipe(
            mergeMap((ack) => {
              if (ack.ok) return of(MessagesApiActions.sendSucceeded({ message: ack.message }));
              const { message, retryAfterMs } = refusal(ack.error);
              if (retryAfterMs === null) {
                return of(MessagesApiActions.sendFailed({ ...ids(payload, senderId), error: message }));
              }
              return timer(retryAfterMs).pipe(
                tap(() => (rateLimitedMs += retryAfterMs)),
                mergeMap(attempt),
              );
            }),
          );
        return attempt().pipe(
          catchError(() =>
            of(MessagesApiActions.sendFailed({ ...ids(payload, senderId), error: 'No answer from the server' })),
          ),
        );
      }),
    );
  },
  { functional: true },
);

/**
 * Why the server refused a send. Error acks carry the HTTP error body (`{statusCode, error, message, code?}`),
 * plus `retryAfterMs` when the sender is rate-limited.
 */
function refusal(error: unknown): { message: string; retryAfterMs: number | null } {
  const body = (typeof error === 'object' && error !== null ? error : {}) as Partial<ApiErrorBody>;
  const message = (Array.isArray(body.message) ? body.message.join('. ') : body.message) || 'Not sent';
  const rateLimited = body.statusCode === 429 && typeof body.retryAfterMs === 'number' && body.retryAfterMs >= 0;
  return { message, retryAfterMs: rateLimited ? body.retryAfterMs! : null };
}

function ids({ conversationId, clientId }: { conversationId: string; clientId: string }, senderId: string) {
  return { conversationId, senderId, clientId };
}

/** What to send for an action, or null while a picture or video still has to be uploaded first. */
function sendRequestFor(
  action:
    | ReturnType<typeof ChatPageActions.messageSent>
    | ReturnType<typeof ChatPageActions.retryClicked>
    | ReturnType<typeof MediaApiActions.uploadSucceeded>,
): SendRequest | null {
  if (action.type === MediaApiActions.uploadSucceeded.type) {
    const { conversationId, clientId, senderId, caption, media } = action;
    return sendRequestOf({ conversationId, clientId, senderId, text: caption, media });
  }
  if (action.type === ChatPageActions.messageSent.type) {
    const { conversationId, clientId, senderId, text, attachment } = action.message;
    return attachment ? null : { conversationId, clientId, senderId, text };
  }
  const { message } = action;
  if (message.upload || (message.media && !message.media.id)) return null;
  return sendRequestOf(message);
}

export const editMessage$ = createEffect(
  (actions$ = inject(Actions), api = inject(ChatApi)) => {
    return actions$.pipe(
      ofType(ChatPageActions.editSubmitted),
      concatMap(({ conversationId, messageId, text }) =>
        api.edit(messageId, text).pipe(
          map((message) => MessagesApiActions.editSucceeded({ message })),
          catchError((error: unknown) =>
            of(MessagesApiActions.editFailed({ conversationId, messageId, error: toApiError(error).message })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

export const deleteMessage$ = createEffect(
  (actions$ = inject(Actions), api = inject(ChatApi)) => {
    return actions$.pipe(
      ofType(ChatPageActions.deleteConfirmed),
      concatMap(({ conversationId, messageId }) =>
        api.remove(messageId).pipe(
          map((message) => MessagesApiActions.deleteSucceeded({ message })),
          catchError((error: unknown) =>
            of(MessagesApiActions.deleteFailed({ conversationId, messageId, error: toApiError(error).message })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);
