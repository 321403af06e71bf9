import { inject } from '@angular/core';
import type { ApiErrorBody } from '@contracts/errors';
import type { MessageView } from '@contracts/messages';
import { type Ack, MessageClientEvent } from '@contracts/socket-events';
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
  take,
  tap,
  throwError,
  timeout,
  timer,
  withLatestFrom,
} from 'rxjs';

import { toApiError } from '../../core/api/api-error';
import { errorText } from '../../core/api/error-text';
import { RealtimeSocket } from '../../core/socket/realtime-socket';
import { SocketActions } from '../../core/socket/socket-actions';
import { ChatApi } from '../chat-api';
import { SEND_TIMEOUT_MS, type SendRequest, sendRequestOf } from '../chat-models';
import { ChatConnectionActions, ChatPageActions, MediaApiActions, MessagesApiActions } from './chat-actions';
import { firstStoredId, lastStoredId, messagesFeature, threadAdapter } from './messages-feature';
import { busyBackoffMs } from './send-backoff';

/**
 * Opening a conversation that is not held yet (the reducer marked it `loading`) fetches its newest page; opening it
 * at a message loads the history around that one instead (see openAtMessage$), or the newest page when that failed.
 * "Jump to latest" from a window away from the newest fetches the newest page too, which replaces the window.
 */
export const loadNewestPage$ = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(ChatApi)) => {
    return actions$.pipe(
      ofType(ChatPageActions.opened, MessagesApiActions.jumpFailed, ChatPageActions.latestRequested),
      withLatestFrom(store.select(messagesFeature.selectThreads)),
      filter(([action, threads]) => {
        const thread = threads[action.conversationId];
        if (action.type === ChatPageActions.latestRequested.type) return !!thread?.hasNewer;
        return thread?.status === 'loading' && !('at' in action && action.at);
      }),
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

/**
 * The next page one way: one request per conversation at a time (exhaustMap), the scroll events in between are
 * ignored. Older pages go `before` the first stored message, newer ones (a window away from the newest) `after` the
 * last.
 */
function pageEffect(way: 'older' | 'newer') {
  const older = way === 'older';
  return createEffect(
    (actions$ = inject(Actions), store = inject(Store), api = inject(ChatApi)) => {
      return actions$.pipe(
        ofType(older ? ChatPageActions.olderRequested : ChatPageActions.newerRequested),
        withLatestFrom(store.select(messagesFeature.selectThreads)),
        map(([{ conversationId }, threads]) => ({ conversationId, thread: threads[conversationId] })),
        groupBy(({ conversationId }) => conversationId),
        mergeMap((requests$) =>
          requests$.pipe(
            exhaustMap(({ conversationId, thread }): Observable<Action> => {
              const cursor = older
                ? thread?.loadingOlder && firstStoredId(thread)
                : thread?.loadingNewer && lastStoredId(thread);
              if (!cursor) return EMPTY;
              return api.history(conversationId, older ? { before: cursor } : { after: cursor }).pipe(
                map((page) =>
                  older
                    ? MessagesApiActions.olderPageLoaded({
                        conversationId,
                        messages: page.items,
                        hasOlder: !!page.nextCursor,
                      })
                    : MessagesApiActions.newerPageLoaded({
                        conversationId,
                        messages: page.items,
                        hasNewer: !!page.nextCursor,
                      }),
                ),
                catchError((error: unknown) => {
                  const failed = { conversationId, error: toApiError(error).message };
                  return of(
                    older ? MessagesApiActions.olderPageFailed(failed) : MessagesApiActions.newerPageFailed(failed),
                  );
                }),
              );
            }),
          ),
        ),
      );
    },
    { functional: true },
  );
}

/** Scrolling up. */
export const loadOlderPage$ = pageEffect('older');

/** Scrolling down a window away from the newest. */
export const loadNewerPage$ = pageEffect('newer');

/**
 * Sends go over the socket one after another (concatMap), so they reach the server in the order they were typed.
 * Each has a deadline counted from when it was queued, not from when its turn came: messages typed offline all
 * fail after about ten seconds instead of one after the other. A retry sends the same clientId, which the server
 * treats as the same message, so a send that did arrive (only its ack was lost) is never stored twice. A picture or
 * video joins the queue when its upload is done (see the upload effect), with the stored media's id.
 *
 * A send refused for going too fast (429) stays pending and goes again, same clientId, once the server's
 * `retryAfterMs` has passed. One refused because the server is busy (503 `busy`) does too, after a wait that doubles
 * with each refusal in a row and is spread at random (see busyBackoffMs), so many clients don't come back at once. Without a connection the queue waits for it, also when the connection drops under a
 * send. Neither wait counts against anyone's deadline. A refusal another try can't change (not friends, blocked: any other 4xx) fails for good, without Retry.
 */
export const sendMessage$ = createEffect(
  (actions$ = inject(Actions), socket = inject(RealtimeSocket)) => {
    /** All the time the queue has waited (rate limits, no connection); a deadline moves on by what was waited since. */
    let pausedMs = 0;
    /** Waits for the connection, if it is down, and adds the wait to `pausedMs`. */
    const connection = (): Observable<unknown> => {
      if (socket.connected) return of(null);
      const since = Date.now();
      return socket.on('connect').pipe(
        take(1),
        tap(() => (pausedMs += Date.now() - since)),
      );
    };
    return actions$.pipe(
      ofType(
        ChatPageActions.messageSent,
        ChatPageActions.retryClicked,
        ChatConnectionActions.unsentResent,
        MediaApiActions.uploadSucceeded,
      ),
      map((action) => sendRequestFor(action)),
      filter((request) => request !== null),
      map((request) => ({ request, deadline: Date.now() + SEND_TIMEOUT_MS, waitedBefore: pausedMs })),
      concatMap(({ request: { senderId, ...payload }, deadline, waitedBefore }) => {
        let busyRefusals = 0;
        /** One try; when the connection drops under it, it waits for the next connection and tries again. */
        const trySend = (): Observable<Ack<{ message: MessageView }>> =>
          defer(() => {
            const remaining = deadline + (pausedMs - waitedBefore) - Date.now();
            if (remaining <= 0) return throwError(() => new Error('timeout'));
            const startedAt = Date.now();
            return from(socket.request<{ message: MessageView }>(MessageClientEvent.Send, payload)).pipe(
              timeout({ first: remaining }),
              // It went out on a closing socket: the try counts as time without a connection, not as no answer.
              catchError((error: unknown) => {
                if (socket.connected) return throwError(() => error);
                pausedMs += Date.now() - startedAt;
                return connection().pipe(mergeMap(trySend));
              }),
            );
          });
        const attempt = (): Observable<Action> =>
          trySend().pipe(
            mergeMap((ack) => {
              if (ack.ok) return of(MessagesApiActions.sendSucceeded({ message: ack.message }));
              const { message, code, retryAfterMs, permanent } = refusal(ack.error);
              if (retryAfterMs === null) {
                return of(
                  MessagesApiActions.sendFailed({ ...ids(payload, senderId), error: message, code, permanent }),
                );
              }
              const wait = code === 'busy' ? busyBackoffMs(retryAfterMs, busyRefusals++) : retryAfterMs;
              return timer(wait).pipe(
                tap(() => (pausedMs += wait)),
                mergeMap(attempt),
              );
            }),
          );
        return connection().pipe(
          mergeMap(attempt),
          catchError(() =>
            of(
              MessagesApiActions.sendFailed({
                ...ids(payload, senderId),
                error: $localize`:@@chat.message.noAnswer:No answer from the server`,
              }),
            ),
          ),
        );
      }),
    );
  },
  { functional: true },
);

/**
 * Why the server refused a send. Error acks carry the HTTP error body (`{statusCode, error, message, code?}`),
 * plus `retryAfterMs` when the sender is rate-limited or the server busy.
 */
function refusal(error: unknown): {
  message: string;
  code: string | null;
  retryAfterMs: number | null;
  permanent: boolean;
} {
  const body = (typeof error === 'object' && error !== null ? error : {}) as Partial<ApiErrorBody>;
  const message =
    (Array.isArray(body.message) ? body.message.join('. ') : body.message) ||
    $localize`:@@chat.message.notSent:Not sent`;
  const status = body.statusCode ?? 0;
  const retryable =
    (status === 429 || status === 503) && typeof body.retryAfterMs === 'number' && body.retryAfterMs >= 0;
  return {
    message: errorText(body.code, message),
    code: body.code ?? null,
    retryAfterMs: retryable ? body.retryAfterMs! : null,
    // An expired token (401) is renewed, and a server error may pass: those are worth another try.
    permanent: status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429,
  };
}

function ids({ conversationId, clientId }: { conversationId: string; clientId: string }, senderId: string) {
  return { conversationId, senderId, clientId };
}

/** What to send for an action, or null while a picture or video still has to be uploaded first. */
function sendRequestFor(
  action:
    | ReturnType<typeof ChatPageActions.messageSent>
    | ReturnType<typeof ChatPageActions.retryClicked>
    | ReturnType<typeof ChatConnectionActions.unsentResent>
    | ReturnType<typeof MediaApiActions.uploadSucceeded>,
): SendRequest | null {
  if (action.type === MediaApiActions.uploadSucceeded.type) {
    const { conversationId, clientId, senderId, caption, media, replyTo } = action;
    return sendRequestOf({ conversationId, clientId, senderId, text: caption, media, replyTo });
  }
  if (action.type === ChatPageActions.messageSent.type) {
    const { attachment, ...message } = action.message;
    return attachment ? null : sendRequestOf(message);
  }
  const { message } = action;
  if (message.upload || (message.media && !message.media.id)) return null;
  return sendRequestOf(message);
}

/**
 * Back online: every message of mine that failed for want of a connection (not a refusal) goes again by itself, in
 * the order it was written, uploads included.
 */
export const resendOnReconnect$ = createEffect(
  (actions$ = inject(Actions), store = inject(Store)) => {
    return actions$.pipe(
      ofType(SocketActions.connected),
      withLatestFrom(store.select(messagesFeature.selectThreads)),
      mergeMap(([, threads]) =>
        from(
          Object.values(threads)
            .flatMap((thread) => (thread ? threadAdapter.getSelectors().selectAll(thread) : []))
            .filter((message) => message.status === 'failed' && !message.permanent)
            .map((message) => ChatConnectionActions.unsentResent({ message })),
        ),
      ),
    );
  },
  { functional: true },
);

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

export const deleteForMe$ = createEffect(
  (actions$ = inject(Actions), api = inject(ChatApi)) => {
    return actions$.pipe(
      ofType(ChatPageActions.deleteForMeConfirmed),
      concatMap(({ conversationId, messageId }) =>
        api.hideForMe(messageId).pipe(
          map(() => MessagesApiActions.deleteForMeSucceeded({ conversationId, messageId })),
          catchError((error: unknown) =>
            of(MessagesApiActions.deleteForMeFailed({ conversationId, messageId, error: toApiError(error).message })),
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
