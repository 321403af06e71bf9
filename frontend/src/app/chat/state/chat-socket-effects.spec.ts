import { MessageServerEvent } from '@contracts/socket-events';
import type { Actions } from '@ngrx/effects';
import type { Action, Store } from '@ngrx/store';
import { BehaviorSubject, type Observable, of, Subject, throwError } from 'rxjs';

import type { RealtimeSocket } from '../../core/socket/realtime-socket';
import { SocketActions } from '../../core/socket/socket-actions';
import { buildChatMessage, buildMessage, buildParticipant, CONVERSATION, GRACE } from '../../testing/chat-builders';
import type { ChatApi } from '../chat-api';
import { ChatSocketActions, MessagesApiActions } from './chat-actions';
import { catchUpAfterReconnect$, chatSocketEvents$ } from './chat-socket-effects';
import { emptyThread, type Thread, threadAdapter } from './messages-feature';

function fakeSocket() {
  const events = new Map<string, Subject<unknown>>();
  const on = (event: string): Observable<unknown> => {
    if (!events.has(event)) events.set(event, new Subject());
    return events.get(event)!;
  };
  const emit = (event: string, payload: unknown) => events.get(event)!.next(payload);
  return { socket: { on } as unknown as RealtimeSocket, emit };
}

function collect(effect$: Observable<Action>): Action[] {
  const out: Action[] = [];
  effect$.subscribe((action) => out.push(action));
  return out;
}

describe('chatSocketEvents$', () => {
  it('turns every chat event from the server into an action', () => {
    const { socket, emit } = fakeSocket();
    const out = collect(chatSocketEvents$(socket));
    const message = buildMessage();
    const receipt = { conversationId: CONVERSATION, userId: GRACE, upTo: message.id, upToSeq: message.seq };
    const erased = buildParticipant({ displayName: 'Deleted user', deleted: true });

    emit(MessageServerEvent.MessageNew, { message });
    emit(MessageServerEvent.MessageUpdated, { message: { ...message, text: 'edited' } });
    emit(MessageServerEvent.MessageDeleted, { id: message.id, conversationId: CONVERSATION, deletedAt: 'now' });
    emit(MessageServerEvent.ConversationDelivered, receipt);
    emit(MessageServerEvent.ConversationRead, receipt);
    emit(MessageServerEvent.Typing, { conversationId: CONVERSATION, userId: GRACE, typing: true });
    emit(MessageServerEvent.UserErased, { user: erased });

    expect(out).toEqual([
      ChatSocketActions.messageReceived({ message }),
      ChatSocketActions.messageUpdated({ message: { ...message, text: 'edited' } }),
      ChatSocketActions.messageDeleted({ id: message.id, conversationId: CONVERSATION, deletedAt: 'now' }),
      ChatSocketActions.conversationDelivered(receipt),
      ChatSocketActions.conversationRead(receipt),
      ChatSocketActions.typingChanged({ conversationId: CONVERSATION, userId: GRACE, typing: true }),
      ChatSocketActions.participantErased({ user: erased }),
    ]);
  });
});

describe('catchUpAfterReconnect$', () => {
  const loadedThread = (...messages: ReturnType<typeof buildChatMessage>[]): Thread =>
    threadAdapter.setMany(messages, { ...emptyThread, status: 'loaded' });

  function setup(threads: Record<string, Thread>) {
    const actions$ = new Subject<Action>();
    const store = { select: () => new BehaviorSubject(threads) } as unknown as Store;
    const missed = [buildMessage({ text: 'while away 1' }), buildMessage({ text: 'while away 2' })];
    const api = {
      allAfter: jest.fn((_id: string, _after: string) => of(missed)),
      history: jest.fn(() => of({ items: [buildMessage({ text: 'newest' })], nextCursor: null })),
    };
    const out = collect(catchUpAfterReconnect$(actions$ as Actions, store, api as unknown as ChatApi));
    return { actions$, api, out, missed };
  }

  it('fetches what each held conversation missed, after its last stored message, on every reconnect', () => {
    const stored = buildChatMessage({ text: 'before the drop' });
    const pending = buildChatMessage({ id: '', clientId: 'pending-1', status: 'pending' });
    const { actions$, api, out, missed } = setup({
      [CONVERSATION]: loadedThread(stored, pending),
      'not-loaded': { ...emptyThread, status: 'loading' },
    });

    actions$.next(SocketActions.connected());
    expect(api.allAfter).toHaveBeenCalledTimes(1);
    expect(api.allAfter).toHaveBeenCalledWith(CONVERSATION, stored.id);
    expect(out).toEqual([MessagesApiActions.caughtUp({ conversationId: CONVERSATION, messages: missed })]);

    actions$.next(SocketActions.connected());
    expect(api.allAfter).toHaveBeenCalledTimes(2);
  });

  it('reloads the newest page of a conversation that held nothing stored yet', () => {
    const { actions$, api, out } = setup({ [CONVERSATION]: loadedThread() });
    actions$.next(SocketActions.connected());
    expect(api.history).toHaveBeenCalledWith(CONVERSATION, {});
    expect(out).toEqual([
      MessagesApiActions.newestPageLoaded({
        conversationId: CONVERSATION,
        messages: [expect.objectContaining({ text: 'newest' })],
        hasOlder: false,
      }),
    ]);
  });

  it('goes on with the other conversations when one fails', () => {
    const a = buildChatMessage({ conversationId: 'a' });
    const b = buildChatMessage({ conversationId: 'b' });
    const { actions$, api, out, missed } = setup({ a: loadedThread(a), b: loadedThread(b) });
    api.allAfter.mockImplementation((id: string) => (id === 'a' ? throwError(() => new Error('500')) : of(missed)));
    actions$.next(SocketActions.connected());
    expect(out).toEqual([MessagesApiActions.caughtUp({ conversationId: 'b', messages: missed })]);
  });
});
