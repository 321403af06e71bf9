import type { MessageView } from '@contracts/messages';
import type { Actions } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { Subject } from 'rxjs';
import type { Ack } from '@contracts/socket-events';
import type { RealtimeSocket } from '../core/socket/realtime-socket';
import { CONVERSATION, ME, buildMessage, buildOutgoing } from '../testing/chat-builders';
import { ChatPageActions, MessagesApiActions } from './chat-actions';
import { SEND_TIMEOUT_MS, pendingMessage } from './chat-models';
import { sendMessage$ } from './messages-effects';

type SendAck = Ack<{ message: MessageView }>;

/** A socket whose acks the test answers one by one. */
function fakeSocket() {
  const requests: { payload: { clientId: string; text: string }; resolve: (ack: SendAck) => void }[] = [];
  const request = jest.fn(
    (_event: string, payload: { clientId: string; text: string }) =>
      new Promise<SendAck>((resolve) => requests.push({ payload, resolve })),
  );
  return { socket: { request } as unknown as RealtimeSocket, request, requests };
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
  afterEach(() => jest.useRealTimers());

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

  it('reports an error ack as a failure of that message', async () => {
    actions$.next(ChatPageActions.messageSent({ message: first }));
    fake.requests[0].resolve({ ok: false, error: { status: 403, message: 'You are not friends' } });
    await flush();
    expect(out).toEqual([
      MessagesApiActions.sendFailed({
        conversationId: CONVERSATION,
        senderId: ME,
        clientId: 'first-client-id',
        error: 'You are not friends',
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
