import type { Action } from '@ngrx/store';

import { AuthApiActions } from '../../core/auth/auth-actions';
import { buildMessage, buildOutgoing, CONVERSATION, GRACE, ME } from '../../testing/chat-builders';
import type { ChatMessage } from '../chat-models';
import { ChatPageActions, ChatSocketActions, MessagesApiActions } from './chat-actions';
import {
  catchUpCursor,
  firstStoredId,
  initialMessagesState,
  messagesFeature,
  type MessagesState,
  threadAdapter,
} from './messages-feature';

const { reducer } = messagesFeature;
const run = (...actions: Action[]) => actions.reduce((state, action) => reducer(state, action), initialMessagesState);
const thread = (state: MessagesState) => state.threads[CONVERSATION]!;
const shown = (state: MessagesState): ChatMessage[] => threadAdapter.getSelectors().selectAll(thread(state));
const texts = (state: MessagesState) => shown(state).map((m) => m.text ?? '(deleted)');

const opened = ChatPageActions.opened({ conversationId: CONVERSATION });
const loaded = (...messages: ReturnType<typeof buildMessage>[]) =>
  MessagesApiActions.newestPageLoaded({ conversationId: CONVERSATION, messages, hasOlder: false });

describe('messages reducer', () => {
  describe('loading', () => {
    it('marks a conversation loading when opened, then holds its newest page in seq order', () => {
      const [m1, m2] = [buildMessage({ text: 'one' }), buildMessage({ text: 'two' })];
      expect(thread(run(opened)).status).toBe('loading');
      // The server sends the newest page newest first.
      const state = run(
        opened,
        MessagesApiActions.newestPageLoaded({ conversationId: CONVERSATION, messages: [m2, m1], hasOlder: true }),
      );
      expect(thread(state)).toMatchObject({ status: 'loaded', hasOlder: true });
      expect(texts(state)).toEqual(['one', 'two']);
      expect(firstStoredId(thread(state))).toBe(m1.id);
      expect(catchUpCursor(thread(state))).toBe(m2.id);
    });

    it('orders by seq, not id: another instance may store a later message under a smaller id', () => {
      const later = buildMessage({ text: 'later', seq: 8, id: '600000000000000000000001' });
      const earlier = buildMessage({ text: 'earlier', seq: 7, id: '6fffffffffffffffffffffff' });
      expect(texts(run(opened, loaded(later, earlier)))).toEqual(['earlier', 'later']);
    });

    it('catches up from before the first missing seq, so a message that arrived out of order is not skipped', () => {
      const [m1, m2, m4] = [buildMessage({ seq: 1 }), buildMessage({ seq: 2 }), buildMessage({ seq: 4 })];
      let state = run(opened, loaded(m2, m1));
      state = reducer(state, ChatSocketActions.messageReceived({ message: m4 }));
      expect(catchUpCursor(thread(state))).toBe(m2.id);
      const m3 = buildMessage({ seq: 3 });
      state = reducer(state, ChatSocketActions.messageReceived({ message: m3 }));
      expect(catchUpCursor(thread(state))).toBe(m4.id);
      state = reducer(state, ChatPageActions.messageSent({ message: buildOutgoing() }));
      expect(catchUpCursor(thread(state))).toBe(m4.id);
    });

    it('opening a loaded conversation again keeps it as it is', () => {
      const state = run(opened, loaded(buildMessage()));
      expect(reducer(state, opened)).toBe(state);
    });

    it('puts older pages before, without duplicates, and stops when there are no more', () => {
      const [m1, m2, m3] = [buildMessage({ text: 'a' }), buildMessage({ text: 'b' }), buildMessage({ text: 'c' })];
      let state = run(
        opened,
        MessagesApiActions.newestPageLoaded({ conversationId: CONVERSATION, messages: [m3, m2], hasOlder: true }),
      );
      state = reducer(state, ChatPageActions.olderRequested({ conversationId: CONVERSATION }));
      expect(thread(state).loadingOlder).toBe(true);
      state = reducer(
        state,
        MessagesApiActions.olderPageLoaded({ conversationId: CONVERSATION, messages: [m2, m1], hasOlder: false }),
      );
      expect(texts(state)).toEqual(['a', 'b', 'c']);
      expect(thread(state)).toMatchObject({ loadingOlder: false, hasOlder: false });
      // Nothing older: a further request changes nothing.
      expect(reducer(state, ChatPageActions.olderRequested({ conversationId: CONVERSATION }))).toBe(state);
    });

    it('ignores live events for conversations it does not hold (they load when opened)', () => {
      const state = run(ChatSocketActions.messageReceived({ message: buildMessage() }));
      expect(state).toBe(initialMessagesState);
    });
  });

  describe('sending', () => {
    const outgoing = buildOutgoing({ text: 'Hi Grace' });
    const stored = buildMessage({ senderId: ME, clientId: outgoing.clientId, text: 'Hi Grace' });
    const sent = ChatPageActions.messageSent({ message: outgoing });
    const acked = MessagesApiActions.sendSucceeded({ message: stored });
    const echoed = ChatSocketActions.messageReceived({ message: stored });
    const failed = MessagesApiActions.sendFailed({
      conversationId: CONVERSATION,
      senderId: ME,
      clientId: outgoing.clientId,
      error: 'No answer from the server',
    });

    it('shows the message at once as pending, after what was there', () => {
      const state = run(opened, loaded(buildMessage({ text: 'earlier' })), sent);
      expect(texts(state)).toEqual(['earlier', 'Hi Grace']);
      expect(shown(state)[1]).toMatchObject({ id: '', status: 'pending', clientId: outgoing.clientId, senderId: ME });
    });

    it('confirms it with the ack, then ignores the message:new echo', () => {
      const state = run(opened, loaded(), sent, acked, echoed);
      expect(shown(state)).toEqual([{ ...stored, status: 'sent' }]);
    });

    it('confirms it with message:new arriving before the ack, and shows it once', () => {
      const state = run(opened, loaded(), sent, echoed, acked);
      expect(shown(state)).toEqual([{ ...stored, status: 'sent' }]);
    });

    it('takes the server order once confirmed: a message stored in between goes before', () => {
      const other = buildMessage({ text: 'from Grace' });
      const mine = buildMessage({ senderId: ME, clientId: outgoing.clientId, text: 'Hi Grace' });
      // `other` got its id before `mine` on the server, but arrived after the pending message was shown.
      const state = run(opened, loaded(), sent, ChatSocketActions.messageReceived({ message: other }));
      expect(texts(state)).toEqual(['from Grace', 'Hi Grace']);
      expect(texts(reducer(state, MessagesApiActions.sendSucceeded({ message: mine })))).toEqual([
        'from Grace',
        'Hi Grace',
      ]);
    });

    it('marks it failed on a timeout or an error, and retrying keeps the same clientId', () => {
      let state = run(opened, loaded(), sent, failed);
      expect(shown(state)).toEqual([
        expect.objectContaining({ status: 'failed', error: 'No answer from the server', clientId: outgoing.clientId }),
      ]);
      state = reducer(state, ChatPageActions.retryClicked({ message: shown(state)[0] }));
      expect(shown(state)).toEqual([expect.objectContaining({ status: 'pending', clientId: outgoing.clientId })]);
      state = reducer(state, acked);
      expect(shown(state)).toEqual([{ ...stored, status: 'sent' }]);
    });

    it('keeps a message confirmed when the failure comes after message:new (the ack was lost, not the message)', () => {
      const state = run(opened, loaded(), sent, echoed, failed);
      expect(shown(state)).toEqual([{ ...stored, status: 'sent' }]);
    });

    it('turns a failed message into the stored one when a catch-up finds it arrived after all', () => {
      const state = run(
        opened,
        loaded(),
        sent,
        failed,
        MessagesApiActions.caughtUp({ conversationId: CONVERSATION, messages: [stored] }),
      );
      expect(shown(state)).toEqual([{ ...stored, status: 'sent' }]);
    });

    it('does not mix up two senders who used the same clientId', () => {
      const theirs = buildMessage({ senderId: GRACE, clientId: outgoing.clientId, text: 'copycat' });
      const state = run(opened, loaded(), sent, ChatSocketActions.messageReceived({ message: theirs }));
      expect(shown(state).map((m) => [m.text, m.status])).toEqual([
        ['copycat', 'sent'],
        ['Hi Grace', 'pending'],
      ]);
    });

    it('shows each message once when a catch-up repeats what arrived live', () => {
      const [m1, m2] = [buildMessage({ text: 'one' }), buildMessage({ text: 'two' })];
      const state = run(
        opened,
        loaded(m1),
        ChatSocketActions.messageReceived({ message: m2 }),
        MessagesApiActions.caughtUp({ conversationId: CONVERSATION, messages: [m2] }),
        ChatSocketActions.messageReceived({ message: m2 }),
      );
      expect(texts(state)).toEqual(['one', 'two']);
    });
  });

  describe('edits and deletions', () => {
    const original = buildMessage({ senderId: ME, text: 'tpyo' });
    const edited = { ...original, text: 'typo', editedAt: '2026-03-02T10:01:00.000Z' };

    it('replaces the text in place, from the socket or the API answer', () => {
      expect(shown(run(opened, loaded(original), ChatSocketActions.messageUpdated({ message: edited })))).toEqual([
        { ...edited, status: 'sent' },
      ]);
      expect(shown(run(opened, loaded(original), MessagesApiActions.editSucceeded({ message: edited })))).toEqual([
        { ...edited, status: 'sent' },
      ]);
    });

    it('never lets an older copy undo an edit', () => {
      const state = run(
        opened,
        loaded(),
        ChatSocketActions.messageUpdated({ message: edited }),
        MessagesApiActions.caughtUp({ conversationId: CONVERSATION, messages: [original] }),
      );
      expect(texts(state)).toEqual(['typo']);
    });

    it('turns a deleted message into a tombstone, and keeps it one', () => {
      let state = run(
        opened,
        loaded(edited),
        ChatSocketActions.messageDeleted({
          id: original.id,
          conversationId: CONVERSATION,
          deletedAt: '2026-03-02T10:02:00.000Z',
        }),
      );
      expect(shown(state)[0]).toEqual({
        id: original.id,
        conversationId: CONVERSATION,
        seq: original.seq,
        senderId: ME,
        clientId: original.clientId,
        kind: 'text',
        createdAt: original.createdAt,
        deletedAt: '2026-03-02T10:02:00.000Z',
        status: 'sent',
      });
      state = reducer(state, ChatSocketActions.messageUpdated({ message: edited }));
      expect(shown(state)[0].deletedAt).toBeDefined();
      expect(shown(state)[0].text).toBeUndefined();
    });

    it('remembers why an edit failed until the next attempt', () => {
      let state = run(
        opened,
        loaded(original),
        MessagesApiActions.editFailed({ conversationId: CONVERSATION, messageId: original.id, error: 'Deleted' }),
      );
      expect(thread(state).actionError).toBe('Deleted');
      state = reducer(state, ChatPageActions.deleteConfirmed({ conversationId: CONVERSATION, messageId: original.id }));
      expect(thread(state).actionError).toBeNull();
    });
  });

  it('forgets everything on sign-out', () => {
    const state = run(opened, loaded(buildMessage()), AuthApiActions.signedOut());
    expect(state).toEqual(initialMessagesState);
  });

  it('keeps a former member’s history up to the removal and drops later messages, also ones still arriving', () => {
    const [before, removal, after, late] = [1, 2, 3, 4].map(() => buildMessage());
    let state = run(opened, loaded(before, removal, after));
    state = reducer(
      state,
      ChatSocketActions.conversationRemoved({ conversationId: CONVERSATION, upToSeq: removal.seq }),
    );
    expect(shown(state).map((m) => m.id)).toEqual([before.id, removal.id]);
    state = reducer(state, ChatSocketActions.messageReceived({ message: late }));
    state = reducer(state, MessagesApiActions.caughtUp({ conversationId: CONVERSATION, messages: [after, late] }));
    expect(shown(state).map((m) => m.id)).toEqual([before.id, removal.id]);
  });

  describe('delete for me', () => {
    it('drops the message from my view when deleted here or in another tab, and leaves the rest', () => {
      const [m1, m2, m3] = [
        buildMessage({ text: 'one' }),
        buildMessage({ text: 'two' }),
        buildMessage({ text: 'three' }),
      ];
      let state = run(opened, loaded(m3, m2, m1));
      state = reducer(
        state,
        MessagesApiActions.deleteForMeSucceeded({ conversationId: CONVERSATION, messageId: m2.id }),
      );
      expect(texts(state)).toEqual(['one', 'three']);
      state = reducer(state, ChatSocketActions.messageHidden({ conversationId: CONVERSATION, id: m3.id }));
      expect(texts(state)).toEqual(['one']);
      // Told twice (this tab's answer, then the event): nothing more changes.
      expect(reducer(state, ChatSocketActions.messageHidden({ conversationId: CONVERSATION, id: m3.id }))).toBe(state);
    });

    it('shows why a delete for me failed, until the next action', () => {
      const m1 = buildMessage({ text: 'one' });
      let state = run(opened, loaded(m1));
      state = reducer(
        state,
        MessagesApiActions.deleteForMeFailed({ conversationId: CONVERSATION, messageId: m1.id, error: 'Nope' }),
      );
      expect(thread(state).actionError).toBe('Nope');
      expect(texts(state)).toEqual(['one']);
      state = reducer(state, ChatPageActions.deleteForMeConfirmed({ conversationId: CONVERSATION, messageId: m1.id }));
      expect(thread(state).actionError).toBeNull();
    });
  });

  describe('a window around an older message', () => {
    const jumped = (messages: ReturnType<typeof buildMessage>[], hasNewer: boolean) =>
      MessagesApiActions.jumpLoaded({
        conversationId: CONVERSATION,
        messageId: messages[0].id,
        messages,
        hasOlder: true,
        hasNewer,
      });

    it('replaces what was held, keeps a message not sent yet, and keeps aside the newest page', () => {
      const [old1, old2] = [buildMessage({ text: 'old 1' }), buildMessage({ text: 'old 2' })];
      const newest = buildMessage({ text: 'newest' });
      const unsent = buildOutgoing({ text: 'typing away' });
      const state = run(
        opened,
        loaded(newest),
        ChatPageActions.messageSent({ message: unsent }),
        jumped([old1, old2], true),
      );
      expect(texts(state)).toEqual(['old 1', 'old 2', 'typing away']);
      expect(thread(state)).toMatchObject({ status: 'loaded', hasOlder: true, hasNewer: true, arrivedAwayCount: 0 });
      expect(thread(state).arrivedAway.map((m) => m.text)).toEqual(['newest']);
    });

    it('keeps live messages aside while away, counts them, and puts them in when scrolling down reaches the newest', () => {
      const [old, between] = [buildMessage({ text: 'old' }), buildMessage({ text: 'between' })];
      const [live1, live2] = [buildMessage({ text: 'live 1' }), buildMessage({ text: 'live 2' })];
      let state = run(opened, jumped([old], true), ChatPageActions.newerRequested({ conversationId: CONVERSATION }));
      expect(thread(state).loadingNewer).toBe(true);
      state = reducer(state, ChatSocketActions.messageReceived({ message: live1 }));
      // An edit of it arrives too: it replaces the copy kept aside, and counts once.
      state = reducer(state, ChatSocketActions.messageUpdated({ message: { ...live1, text: 'live 1 (edited)' } }));
      state = reducer(state, ChatSocketActions.messageReceived({ message: live2 }));
      expect(texts(state)).toEqual(['old']);
      expect(thread(state).arrivedAwayCount).toBe(2);

      // The last newer page was read before live 2 was stored: live 2 is not lost.
      state = reducer(
        state,
        MessagesApiActions.newerPageLoaded({
          conversationId: CONVERSATION,
          messages: [between, live1],
          hasNewer: false,
        }),
      );
      expect(texts(state)).toEqual(['old', 'between', 'live 1 (edited)', 'live 2']);
      expect(thread(state)).toMatchObject({
        hasNewer: false,
        loadingNewer: false,
        arrivedAway: [],
        arrivedAwayCount: 0,
      });
      // Joined to the live end: the next message goes in at once.
      const next = buildMessage({ text: 'next' });
      expect(texts(reducer(state, ChatSocketActions.messageReceived({ message: next }))).at(-1)).toBe('next');
    });

    it('"Jump to newest": the newest page replaces the window, with what arrived after it', () => {
      const old = buildMessage({ text: 'old' });
      const newest = buildMessage({ text: 'newest' });
      const later = buildMessage({ text: 'later' });
      const state = run(
        opened,
        jumped([old], true),
        ChatSocketActions.messageReceived({ message: newest }),
        ChatSocketActions.messageReceived({ message: later }),
        MessagesApiActions.newestPageLoaded({ conversationId: CONVERSATION, messages: [newest], hasOlder: true }),
      );
      expect(texts(state)).toEqual(['newest', 'later']);
      expect(thread(state)).toMatchObject({ hasNewer: false, hasOlder: true, arrivedAwayCount: 0 });
    });

    it('a window that reaches the newest keeps what arrived while it loaded', () => {
      const [old, newest] = [buildMessage({ text: 'old' }), buildMessage({ text: 'newest' })];
      const live = buildMessage({ text: 'arrived meanwhile' });
      const state = run(
        opened,
        loaded(newest),
        ChatSocketActions.messageReceived({ message: live }),
        jumped([old, newest], false),
      );
      expect(texts(state)).toEqual(['old', 'newest', 'arrived meanwhile']);
      expect(thread(state).hasNewer).toBe(false);
    });
  });
});
