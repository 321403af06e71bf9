import type { Actions } from '@ngrx/effects';
import type { Action, Store } from '@ngrx/store';
import { BehaviorSubject, Subject } from 'rxjs';

import type { RealtimeSocket } from '../../core/socket/realtime-socket';
import { buildConversation, buildMessage, CONVERSATION, GRACE, ME } from '../../testing/chat-builders';
import type { PageVisibility } from '../page-visibility';
import { ChatReceiptActions, ChatSocketActions, ConversationsApiActions, MessagesApiActions } from './chat-actions';
import { selectMyId } from './chat-selectors';
import { acknowledgeReceived$, markOpenConversationRead$ } from './receipts-effects';

function fakeSocket(connected = true) {
  const notify = jest.fn();
  return { socket: { notify, connected } as unknown as RealtimeSocket & { connected: boolean }, notify };
}

describe('acknowledgeReceived$', () => {
  function setup(connected = true) {
    const actions$ = new Subject<Action>();
    const store = { select: () => new BehaviorSubject(ME) } as unknown as Store;
    const { socket, notify } = fakeSocket(connected);
    acknowledgeReceived$(actions$ as Actions, store, socket).subscribe();
    return { actions$, notify, socket };
  }

  it('tells the server the newest message received from the other person, once', () => {
    const { actions$, notify } = setup();
    const [m1, m2] = [buildMessage(), buildMessage()];
    actions$.next(ChatSocketActions.messageReceived({ message: m1 }));
    actions$.next(
      MessagesApiActions.newestPageLoaded({ conversationId: CONVERSATION, messages: [m2, m1], hasOlder: false }),
    );
    actions$.next(MessagesApiActions.caughtUp({ conversationId: CONVERSATION, messages: [m2] }));
    expect(notify.mock.calls).toEqual([
      ['message:received', { conversationId: CONVERSATION, upTo: m1.id }],
      ['message:received', { conversationId: CONVERSATION, upTo: m2.id }],
    ]);
  });

  it('goes by seq: a later message with a smaller id is acknowledged, an earlier one with a larger id is not', () => {
    const { actions$, notify } = setup();
    const first = buildMessage({ id: 'f'.repeat(24) });
    const second = buildMessage({ id: '0'.repeat(23) + '1' });
    actions$.next(ChatSocketActions.messageReceived({ message: first }));
    actions$.next(ChatSocketActions.messageReceived({ message: second }));
    actions$.next(MessagesApiActions.caughtUp({ conversationId: CONVERSATION, messages: [first, second] }));
    actions$.next(ChatSocketActions.messageReceived({ message: first }));
    expect(notify.mock.calls).toEqual([
      ['message:received', { conversationId: CONVERSATION, upTo: first.id }],
      ['message:received', { conversationId: CONVERSATION, upTo: second.id }],
    ]);
  });

  it('acknowledges the previews of the chat list, and never my own messages', () => {
    const { actions$, notify } = setup();
    const theirs = buildMessage({ senderId: GRACE });
    const mine = buildMessage({ senderId: ME, conversationId: 'other' });
    actions$.next(
      ConversationsApiActions.listLoaded({
        conversations: [
          buildConversation({ lastMessage: theirs }),
          buildConversation({ id: 'other', lastMessage: mine }),
          buildConversation({ id: 'empty' }),
        ],
      }),
    );
    actions$.next(ChatSocketActions.messageReceived({ message: buildMessage({ senderId: ME }) }));
    expect(notify.mock.calls).toEqual([['message:received', { conversationId: CONVERSATION, upTo: theirs.id }]]);
  });

  it('records nothing while offline, so the list reload after reconnecting acknowledges it', () => {
    const { actions$, notify, socket } = setup(false);
    const message = buildMessage();
    actions$.next(ChatSocketActions.messageReceived({ message }));
    expect(notify).not.toHaveBeenCalled();
    socket.connected = true;
    actions$.next(ConversationsApiActions.listLoaded({ conversations: [buildConversation({ lastMessage: message })] }));
    expect(notify).toHaveBeenCalledWith('message:received', { conversationId: CONVERSATION, upTo: message.id });
  });
});

describe('markOpenConversationRead$', () => {
  type Target = { conversationId: string; upTo: string; seq: number; unread: number } | null;

  function setup() {
    const target$ = new BehaviorSubject<Target>(null);
    const visible$ = new BehaviorSubject(true);
    const store = {
      select: (selector: unknown) => (selector === selectMyId ? new BehaviorSubject(ME) : target$),
    } as unknown as Store;
    const { socket, notify } = fakeSocket();
    const out: Action[] = [];
    markOpenConversationRead$(store, socket, { visible$ } as unknown as PageVisibility).subscribe((a) => out.push(a));
    return { target$, visible$, notify, out };
  }

  it('reads the open conversation up to the newest incoming message and clears the count here', () => {
    const { target$, notify, out } = setup();
    target$.next({ conversationId: CONVERSATION, upTo: '0002', seq: 2, unread: 2 });
    expect(notify).toHaveBeenCalledWith('conversation:read', { conversationId: CONVERSATION, upTo: '0002' });
    expect(out).toEqual([ChatReceiptActions.readSent({ conversationId: CONVERSATION, upTo: '0002' })]);
    // The count dropped to 0: nothing new to say.
    target$.next({ conversationId: CONVERSATION, upTo: '0002', seq: 2, unread: 0 });
    expect(notify).toHaveBeenCalledTimes(1);
    // A new message while it is open is read at once.
    target$.next({ conversationId: CONVERSATION, upTo: '0003', seq: 3, unread: 1 });
    expect(notify).toHaveBeenLastCalledWith('conversation:read', { conversationId: CONVERSATION, upTo: '0003' });
  });

  it('reads a later message with a smaller id, and not again an earlier one with a larger id', () => {
    const { target$, notify } = setup();
    target$.next({ conversationId: CONVERSATION, upTo: 'f'.repeat(24), seq: 5, unread: 1 });
    target$.next({ conversationId: CONVERSATION, upTo: '0'.repeat(24), seq: 6, unread: 0 });
    target$.next({ conversationId: CONVERSATION, upTo: 'f'.repeat(24), seq: 5, unread: 0 });
    expect(notify.mock.calls.map(([, payload]) => payload.upTo)).toEqual(['f'.repeat(24), '0'.repeat(24)]);
  });

  it('waits while the tab is hidden, and reads when it comes back', () => {
    const { target$, visible$, notify } = setup();
    visible$.next(false);
    target$.next({ conversationId: CONVERSATION, upTo: '0004', seq: 4, unread: 1 });
    expect(notify).not.toHaveBeenCalled();
    visible$.next(true);
    expect(notify).toHaveBeenCalledWith('conversation:read', { conversationId: CONVERSATION, upTo: '0004' });
  });
});
