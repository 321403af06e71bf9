import type { ApiErrorBody } from '@contracts/errors';
import type { MessageView } from '@contracts/messages';
import type { Actions } from '@ngrx/effects';
import type { Action, Store } from '@ngrx/store';
import { BehaviorSubject, Subject } from 'rxjs';

import type { RealtimeSocket } from '../../core/socket/realtime-socket';
import { SocketActions } from '../../core/socket/socket-actions';
import { buildChatMessage, buildMessage, buildOutgoing, CONVERSATION, ME } from '../../testing/chat-builders';
import type { ChatApi } from '../chat-api';
import { pendingMessage, SEND_TIMEOUT_MS } from '../chat-models';
import { ChatConnectionActions, ChatPageActions, MessagesApiActions } from './chat-actions';
import { loadNewerPage$, loadNewestPage$, loadOlderPage$, resendOnReconnect$, sendMessage$ } from './messages-effects';
import { emptyThread, type Thread, threadAdapter } from './messages-feature';

/** An ack as the server sends it; an error carries the HTTP error body, and `retryAfterMs` when rate-limited. */
type SendAck = { ok: true; message: MessageView } | { ok: false; error: ApiErrorBody & { retryAfterMs?: number } };

/** A socket whose acks the test answers one by one. */
function fakeSocket() {
  const requests: { payload: { clientId: string; text: string }; resolve: (ack: SendAck) => void }[] = [];
  const request = jest.fn(
    (_event: string, payload: { clientId: string; text: string }) =>
      new Promise<SendAck>((resolve) => requests.push({ payload, resolve })),
  );
  return { socket: { request, connected: true } as unknown as RealtimeSocket, request, requests };
}

const flush = () => Promise.resolve().then(() => Promise.resolve());

describe('sendMessage$', () => {
  let actions$: Subject<Action>;
  let out: Action[];
  let fake: ReturnType<typeof fakeSocket>;

  beforeEach(() => {
    jest.useFakeTimers();
    actions$ = new Subject();
    out = [];
    fake = fakeSocket();
    sendMessage$(actions$ as Actions, fake.socket).subscribe((action) => out.push(action));
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  const first = buildOutgoing({ clientId: 'first-client-id', text: 'one' });
  const second = buildOutgoing({ clientId: 'second-client-id', text: 'two' });
  const stored = (clientId: string) => buildMessage({ senderId: ME, clientId });

  it('sends over the socket and confirms with the stored message', async () => {
    actions$.next(ChatPageActions.messageSent({ message: first }));
    expect(fake.request).toHaveBeenCalledWith('message:send', {
      conversationId: CONVERSATION,
      clientId: 'first-client-id',
      text: 'one',
    });
    const message = stored('first-client-id');
    fake.requests[0].resolve({ ok: true, message });
    await flush();
    expect(out).toEqual([MessagesApiActions.sendSucceeded({ message })]);
  });

  it('sends one at a time, in the order typed', async () => {
    actions$.next(ChatPageActions.messageSent({ message: first }));
    actions$.next(ChatPageActions.messageSent({ message: second }));
    expect(fake.requests.map((r) => r.payload.text)).toEqual(['one']);
    fake.requests[0].resolve({ ok: true, message: stored('first-client-id') });
    await flush();
    expect(fake.requests.map((r) => r.payload.text)).toEqual(['one', 'two']);
  });

  it('reports an error ack as a failure of that message, for good when another try would be refused too', async () => {
    actions$.next(ChatPageActions.messageSent({ message: first }));
    fake.requests[0].resolve({
      ok: false,
      error: { statusCode: 403, error: 'Forbidden', message: 'You are not friends', code: 'not_friends' },
    });
    await flush();
    expect(out).toEqual([
      MessagesApiActions.sendFailed({
        conversationId: CONVERSATION,
        senderId: ME,
        clientId: 'first-client-id',
        error: 'You can only send messages to friends.',
        code: 'not_friends',
        permanent: true,
      }),
    ]);
  });

  it('keeps Retry for a failure another try may fix (a server error)', async () => {
    actions$.next(ChatPageActions.messageSent({ message: first }));
    fake.requests[0].resolve({
      ok: false,
      error: { statusCode: 500, error: 'Internal Server Error', message: 'Oops', code: 'internal_error' },
    });
    await flush();
    expect(out).toEqual([
      MessagesApiActions.sendFailed({
        conversationId: CONVERSATION,
        senderId: ME,
        clientId: 'first-client-id',
        error: 'Oops',
        code: 'internal_error',
        permanent: false,
      }),
    ]);
  });

  it('fails a send with no answer after the timeout, and a queued one by its own deadline', async () => {
    actions$.next(ChatPageActions.messageSent({ message: first }));
    jest.advanceTimersByTime(4_000);
    actions$.next(ChatPageActions.messageSent({ message: second }));
    jest.advanceTimersByTime(SEND_TIMEOUT_MS - 4_000);
    await flush();
    expect(out).toEqual([
      expect.objectContaining({ type: MessagesApiActions.sendFailed.type, clientId: 'first-client-id' }),
    ]);
    // The second one had waited 6 s already: it gets the 4 s it has left, not another 10.
    expect(fake.requests).toHaveLength(2);
    jest.advanceTimersByTime(4_000);
    await flush();
    expect(out[1]).toEqual(
      expect.objectContaining({ type: MessagesApiActions.sendFailed.type, clientId: 'second-client-id' }),
    );
  });

  const rateLimited = (retryAfterMs: number): SendAck => ({
    ok: false,
    error: { statusCode: 429, error: 'Too Many Requests', message: 'Slow down', code: 'rate_limited', retryAfterMs },
  });

  it('keeps a rate-limited message pending and sends it again, same clientId, when the server says', async () => {
    actions$.next(ChatPageActions.messageSent({ message: first }));
    fake.requests[0].resolve(rateLimited(1_500));
    await flush();
    jest.advanceTimersByTime(1_499);
    await flush();
    expect(out).toEqual([]);
    expect(fake.requests).toHaveLength(1);

    jest.advanceTimersByTime(1);
    await flush();
    expect(fake.requests.map((r) => r.payload)).toEqual(
      [first, first].map(({ text, clientId }) => ({
        conversationId: CONVERSATION,
        clientId,
        text,
      })),
    );
    const message = stored('first-client-id');
    fake.requests[1].resolve({ ok: true, message });
    await flush();
    expect(out).toEqual([MessagesApiActions.sendSucceeded({ message })]);
  });

  it('does not count a rate-limit wait against the deadlines of the messages queued behind', async () => {
    actions$.next(ChatPageActions.messageSent({ message: first }));
    actions$.next(ChatPageActions.messageSent({ message: second }));
    fake.requests[0].resolve(rateLimited(SEND_TIMEOUT_MS - 1_000));
    await flush();
    jest.advanceTimersByTime(SEND_TIMEOUT_MS - 1_000);
    await flush();
    jest.advanceTimersByTime(2_000);
    const message = stored('first-client-id');
    fake.requests[1].resolve({ ok: true, message });
    await flush();
    // 11 s after it was queued, 9 of them spent waiting on the rate limit: the second message still goes.
    expect(fake.requests.map((r) => r.payload.text)).toEqual(['one', 'one', 'two']);
    expect(out).toEqual([MessagesApiActions.sendSucceeded({ message })]);
  });

  const busy = (retryAfterMs: number): SendAck => ({
    ok: false,
    error: { statusCode: 503, error: 'Service Unavailable', message: 'Busy', code: 'busy', retryAfterMs },
  });

  it('keeps a message the busy server refused pending, backing off with jitter, doubling per refusal', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    actions$.next(ChatPageActions.messageSent({ message: first }));
    for (const [index, wait] of [375, 750, 1_500].entries()) {
      fake.requests[index].resolve(busy(250));
      await flush();
      jest.advanceTimersByTime(wait - 1);
      await flush();
      expect(fake.requests).toHaveLength(index + 1);
      jest.advanceTimersByTime(1);
      await flush();
      expect(fake.requests).toHaveLength(index + 2);
    }
    expect(new Set(fake.requests.map((r) => r.payload.clientId))).toEqual(new Set(['first-client-id']));
    const message = stored('first-client-id');
    fake.requests[3].resolve({ ok: true, message });
    await flush();
    expect(out).toEqual([MessagesApiActions.sendSucceeded({ message })]);
  });

  it('retries with the same clientId, so the server stores the message once', () => {
    const failed = { ...pendingMessage(first), status: 'failed' as const };
    actions$.next(ChatPageActions.retryClicked({ message: failed }));
    expect(fake.request).toHaveBeenCalledWith('message:send', {
      conversationId: CONVERSATION,
      clientId: 'first-client-id',
      text: 'one',
    });
  });
});

describe('history effects', () => {
  function setup(thread: Partial<Thread>) {
    const actions$ = new Subject<Action>();
    const stored = buildChatMessage({ text: 'oldest held' });
    const threads = { [CONVERSATION]: threadAdapter.setMany([stored], { ...emptyThread, ...thread }) };
    const store = { select: () => new BehaviorSubject(threads) } as unknown as Store;
    const page$ = new Subject<{ items: MessageView[]; nextCursor: string | null }>();
    const api = { history: jest.fn(() => page$) };
    const out: Action[] = [];
    return { actions$, store, api, page$, out, stored };
  }

  it('loads the newest page of a conversation opened for the first time', () => {
    const { actions$, store, api, page$, out } = setup({ status: 'loading' });
    loadNewestPage$(actions$ as Actions, store, api as unknown as ChatApi).subscribe((a) => out.push(a));
    actions$.next(ChatPageActions.opened({ conversationId: CONVERSATION }));
    expect(api.history).toHaveBeenCalledWith(CONVERSATION, {});
    const items = [buildMessage()];
    page$.next({ items, nextCursor: items[0].id });
    expect(out).toEqual([
      MessagesApiActions.newestPageLoaded({ conversationId: CONVERSATION, messages: items, hasOlder: true }),
    ]);
  });

  it('does not reload a conversation it already holds', () => {
    const { actions$, store, api } = setup({ status: 'loaded' });
    loadNewestPage$(actions$ as Actions, store, api as unknown as ChatApi).subscribe();
    actions$.next(ChatPageActions.opened({ conversationId: CONVERSATION }));
    expect(api.history).not.toHaveBeenCalled();
  });

  it('pages back from the oldest message held, one request at a time', () => {
    const { actions$, store, api, page$, out, stored } = setup({
      status: 'loaded',
      hasOlder: true,
      loadingOlder: true,
    });
    loadOlderPage$(actions$ as Actions, store, api as unknown as ChatApi).subscribe((a) => out.push(a));
    actions$.next(ChatPageActions.olderRequested({ conversationId: CONVERSATION }));
    actions$.next(ChatPageActions.olderRequested({ conversationId: CONVERSATION }));
    expect(api.history).toHaveBeenCalledTimes(1);
    expect(api.history).toHaveBeenCalledWith(CONVERSATION, { before: stored.id });
    page$.next({ items: [], nextCursor: null });
    expect(out).toEqual([
      MessagesApiActions.olderPageLoaded({ conversationId: CONVERSATION, messages: [], hasOlder: false }),
    ]);
  });

  it('leaves opening at a message to the jump, and loads the newest page when that jump failed', () => {
    const { actions$, store, api } = setup({ status: 'loading' });
    loadNewestPage$(actions$ as Actions, store, api as unknown as ChatApi).subscribe();
    actions$.next(ChatPageActions.opened({ conversationId: CONVERSATION, at: 'a'.repeat(24) }));
    expect(api.history).not.toHaveBeenCalled();
    actions$.next(
      MessagesApiActions.jumpFailed({ conversationId: CONVERSATION, messageId: 'a'.repeat(24), error: 'Not found' }),
    );
    expect(api.history).toHaveBeenCalledWith(CONVERSATION, {});
  });

  it('"Jump to newest" from a window away from the newest loads the newest page (and not otherwise)', () => {
    const attached = setup({ status: 'loaded' });
    loadNewestPage$(attached.actions$ as Actions, attached.store, attached.api as unknown as ChatApi).subscribe();
    attached.actions$.next(ChatPageActions.latestRequested({ conversationId: CONVERSATION }));
    expect(attached.api.history).not.toHaveBeenCalled();

    const away = setup({ status: 'loaded', hasNewer: true });
    loadNewestPage$(away.actions$ as Actions, away.store, away.api as unknown as ChatApi).subscribe();
    away.actions$.next(ChatPageActions.latestRequested({ conversationId: CONVERSATION }));
    expect(away.api.history).toHaveBeenCalledWith(CONVERSATION, {});
  });

  it('pages on from the newest message held in a window away from the newest, one request at a time', () => {
    const { actions$, store, api, page$, out, stored } = setup({
      status: 'loaded',
      hasNewer: true,
      loadingNewer: true,
    });
    loadNewerPage$(actions$ as Actions, store, api as unknown as ChatApi).subscribe((a) => out.push(a));
    actions$.next(ChatPageActions.newerRequested({ conversationId: CONVERSATION }));
    actions$.next(ChatPageActions.newerRequested({ conversationId: CONVERSATION }));
    expect(api.history).toHaveBeenCalledTimes(1);
    expect(api.history).toHaveBeenCalledWith(CONVERSATION, { after: stored.id });
    const items = [buildMessage()];
    page$.next({ items, nextCursor: null });
    expect(out).toEqual([
      MessagesApiActions.newerPageLoaded({ conversationId: CONVERSATION, messages: items, hasNewer: false }),
    ]);
  });
});

describe('sending without a connection', () => {
  afterEach(() => jest.useRealTimers());

  it('waits for the connection, without counting the wait against the deadline, then sends', async () => {
    jest.useFakeTimers();
    const connect$ = new Subject<void>();
    const requests: { resolve: (ack: SendAck) => void }[] = [];
    const socket = {
      connected: false,
      on: () => connect$,
      request: jest.fn(() => new Promise<SendAck>((resolve) => requests.push({ resolve }))),
    };
    const actions$ = new Subject<Action>();
    const out: Action[] = [];
    sendMessage$(actions$ as Actions, socket as unknown as RealtimeSocket).subscribe((action) => out.push(action));

    actions$.next(ChatPageActions.messageSent({ message: buildOutgoing({ clientId: 'offline-1' }) }));
    jest.advanceTimersByTime(SEND_TIMEOUT_MS * 3);
    expect(socket.request).not.toHaveBeenCalled();
    expect(out).toEqual([]);

    socket.connected = true;
    connect$.next();
    await flush();
    expect(socket.request).toHaveBeenCalledTimes(1);
    const message = buildMessage({ senderId: ME, clientId: 'offline-1' });
    requests[0].resolve({ ok: true, message });
    await flush();
    expect(out).toEqual([MessagesApiActions.sendSucceeded({ message })]);
  });
  it('waits for the next connection when the connection drops under a send, instead of failing it', async () => {
    jest.useFakeTimers();
    const connect$ = new Subject<void>();
    const requests: { payload: { clientId: string }; resolve: (ack: SendAck) => void; reject: (e: Error) => void }[] =
      [];
    const socket = {
      connected: true,
      on: () => connect$,
      request: jest.fn(
        (_event: string, payload: { clientId: string }) =>
          new Promise<SendAck>((resolve, reject) => requests.push({ payload, resolve, reject })),
      ),
    };
    const actions$ = new Subject<Action>();
    const out: Action[] = [];
    sendMessage$(actions$ as Actions, socket as unknown as RealtimeSocket).subscribe((action) => out.push(action));

    actions$.next(ChatPageActions.messageSent({ message: buildOutgoing({ clientId: 'closing-1' }) }));
    await flush();
    socket.connected = false;
    jest.advanceTimersByTime(SEND_TIMEOUT_MS - 1_000);
    requests[0].reject(new Error('operation has timed out'));
    await flush();
    jest.advanceTimersByTime(SEND_TIMEOUT_MS * 3);
    await flush();
    expect(out).toEqual([]);

    socket.connected = true;
    connect$.next();
    await flush();
    expect(requests.map((r) => r.payload.clientId)).toEqual(['closing-1', 'closing-1']);
    const message = buildMessage({ senderId: ME, clientId: 'closing-1' });
    requests[1].resolve({ ok: true, message });
    await flush();
    expect(out).toEqual([MessagesApiActions.sendSucceeded({ message })]);
  });
});

describe('resendOnReconnect$', () => {
  it('sends again, by itself, what failed for want of a connection, and leaves refusals alone', () => {
    const lost = buildChatMessage({ id: '', seq: 0, senderId: ME, clientId: 'lost', status: 'failed' });
    const refused = buildChatMessage({
      id: '',
      seq: 0,
      senderId: ME,
      clientId: 'refused',
      status: 'failed',
      permanent: true,
    });
    const sent = buildChatMessage({ senderId: ME, clientId: 'sent' });
    const threads = { [CONVERSATION]: threadAdapter.setMany([lost, refused, sent], emptyThread) };
    const store = { select: () => new BehaviorSubject(threads) } as unknown as Store;
    const actions$ = new Subject<Action>();
    const out: Action[] = [];
    resendOnReconnect$(actions$ as Actions, store).subscribe((action) => out.push(action));

    actions$.next(SocketActions.connected());
    expect(out).toEqual([ChatConnectionActions.unsentResent({ message: lost })]);
  });
});
