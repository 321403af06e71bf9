import type { Action } from '@ngrx/store';

import { AuthApiActions } from '../../core/auth/auth-actions';
import { SocketActions } from '../../core/socket/socket-actions';
import { FriendsSocketActions } from '../../friends/friends-actions';
import { buildAuthResponse, buildUser } from '../../testing/builders';
import {
  BEN,
  buildConversation,
  buildGroup,
  buildMessage,
  buildParticipant,
  CONVERSATION,
  GRACE,
  GROUP,
  ME,
} from '../../testing/chat-builders';
import {
  ChatPageActions,
  ChatReceiptActions,
  ChatSocketActions,
  ConversationsApiActions,
  MessagesApiActions,
} from './chat-actions';
import { conversationsFeature, type ConversationsState, initialConversationsState } from './conversations-feature';

const { reducer } = conversationsFeature;
const run = (...actions: Action[]) =>
  actions.reduce((state, action) => reducer(state, action), initialConversationsState);
const conversation = (state: ConversationsState, id = CONVERSATION) => state.entities[id]!;
const listed = (...conversations: ReturnType<typeof buildConversation>[]) =>
  ConversationsApiActions.listLoaded({ conversations });

describe('conversations reducer', () => {
  it('lists conversations most recent first', () => {
    const older = buildConversation({ id: 'c1', lastActivityAt: '2026-03-01T00:00:00.000Z' });
    const newer = buildConversation({ id: 'c2', lastActivityAt: '2026-03-02T00:00:00.000Z' });
    const state = run(listed(older, newer));
    expect(state.ids).toEqual(['c2', 'c1']);
    expect(state.status).toBe('loaded');
  });

  it('counts incoming messages as unread, moves the preview and the chat to the top', () => {
    const other = buildConversation({ id: 'c0', lastActivityAt: '2026-03-02T09:30:00.000Z' });
    const message = buildMessage({ createdAt: '2026-03-02T10:00:00.000Z' });
    let state = run(listed(buildConversation(), other), ChatSocketActions.messageReceived({ message }));
    expect(conversation(state)).toMatchObject({ unread: 1, lastMessage: message, lastActivityAt: message.createdAt });
    expect(state.ids[0]).toBe(CONVERSATION);
    // The same message again (another delivery path) is not counted twice.
    state = reducer(state, ChatSocketActions.messageReceived({ message }));
    expect(conversation(state).unread).toBe(1);
  });

  it('empties the preview I deleted for me, so the next list brings the older one I still see', () => {
    const older = buildMessage({ seq: 1, text: 'older' });
    const newest = buildMessage({ seq: 2, text: 'newest' });
    let state = run(listed(buildConversation({ lastMessage: newest })));
    state = reducer(
      state,
      MessagesApiActions.deleteForMeSucceeded({ conversationId: CONVERSATION, messageId: older.id }),
    );
    expect(conversation(state).lastMessage).toEqual(newest);
    state = reducer(state, ChatSocketActions.messageHidden({ conversationId: CONVERSATION, id: newest.id }));
    expect(conversation(state).lastMessage).toBeNull();
    state = reducer(state, listed(buildConversation({ lastMessage: older })));
    expect(conversation(state).lastMessage).toEqual(older);
  });

  it('keeps a preview that arrived while the list was being fetched when it is later by seq, whatever its id', () => {
    const listedLast = buildMessage({ id: 'f'.repeat(24) });
    const arrived = buildMessage({ id: '0'.repeat(23) + '1' });
    const state = run(
      listed(buildConversation()),
      ChatSocketActions.messageReceived({ message: arrived }),
      listed(buildConversation({ lastMessage: listedLast })),
    );
    expect(conversation(state).lastMessage).toEqual(arrived);
  });

  it('does not count my own messages (sent here or in another tab)', () => {
    const mine = buildMessage({ senderId: ME });
    const state = run(listed(buildConversation()), MessagesApiActions.sendSucceeded({ message: mine }));
    expect(conversation(state)).toMatchObject({ unread: 0, lastMessage: mine });
  });

  it('clears the unread count when read here or in another of my tabs', () => {
    const unread = buildConversation({ unread: 3 });
    expect(
      conversation(run(listed(unread), ChatReceiptActions.readSent({ conversationId: CONVERSATION, upTo: 'x' })))
        .unread,
    ).toBe(0);
    expect(
      conversation(
        run(
          listed(unread),
          ChatSocketActions.conversationRead({ conversationId: CONVERSATION, userId: ME, upTo: 'x', upToSeq: 1 }),
        ),
      ).unread,
    ).toBe(0);
  });

  describe('receipts', () => {
    const delivered = (upTo: string, upToSeq: number) =>
      ChatSocketActions.conversationDelivered({ conversationId: CONVERSATION, userId: GRACE, upTo, upToSeq });
    const read = (upTo: string, upToSeq: number) =>
      ChatSocketActions.conversationRead({ conversationId: CONVERSATION, userId: GRACE, upTo, upToSeq });

    it('moves "delivered" and "seen" forward only, by seq (ids from several instances do not sort)', () => {
      let state = run(listed(buildConversation()), delivered('b005', 5));
      expect(conversation(state)).toMatchObject({ deliveredUpTo: 'b005', deliveredUpToSeq: 5, readUpTo: null });
      // A later id but an earlier message: arrived late, changes nothing.
      state = reducer(state, delivered('f003', 3));
      expect(conversation(state)).toMatchObject({ deliveredUpTo: 'b005', deliveredUpToSeq: 5 });
      // Seeing a message means it was delivered too, even when its id sorts first.
      state = reducer(state, read('a007', 7));
      expect(conversation(state)).toMatchObject({
        deliveredUpTo: 'a007',
        deliveredUpToSeq: 7,
        readUpTo: 'a007',
        readUpToSeq: 7,
        unread: 0,
      });
    });

    it('keeps receipts that arrived while the list was being fetched', () => {
      const state = run(
        listed(buildConversation()),
        read('a009', 9),
        listed(buildConversation({ deliveredUpTo: 'f002', deliveredUpToSeq: 2, readUpTo: 'f001', readUpToSeq: 1 })),
      );
      expect(conversation(state)).toMatchObject({
        deliveredUpTo: 'a009',
        deliveredUpToSeq: 9,
        readUpTo: 'a009',
        readUpToSeq: 9,
      });
    });

    it('takes the fetched receipts when they are later', () => {
      const state = run(
        listed(buildConversation()),
        read('f003', 3),
        listed(buildConversation({ deliveredUpTo: 'a006', deliveredUpToSeq: 6, readUpTo: 'a005', readUpToSeq: 5 })),
      );
      expect(conversation(state)).toMatchObject({ deliveredUpTo: 'a006', readUpTo: 'a005', readUpToSeq: 5 });
    });

    it('drops "seen" when the other person turned read receipts off', () => {
      const state = run(
        listed(buildConversation({ readUpTo: '0004', readUpToSeq: 4 })),
        listed(buildConversation({ readUpTo: null, readUpToSeq: null, deliveredUpTo: '0004', deliveredUpToSeq: 4 })),
      );
      expect(conversation(state)).toMatchObject({ readUpTo: null, readUpToSeq: null });
    });
  });

  describe('typing', () => {
    const typing = (value: boolean, userId = GRACE) =>
      ChatSocketActions.typingChanged({ conversationId: CONVERSATION, userId, typing: value });

    it('tracks the participant typing, until they stop, send, or it expires', () => {
      const base = run(listed(buildConversation()), ChatPageActions.opened({ conversationId: CONVERSATION }));
      const on = reducer(base, typing(true));
      expect(conversationsFeature.selectOpenTypingUserIds.projector(on.typing, on.openId)).toEqual([GRACE]);
      expect(reducer(on, typing(false)).typing).toEqual({});
      expect(
        reducer(on, ChatSocketActions.messageReceived({ message: buildMessage({ senderId: GRACE }) })).typing,
      ).toEqual({});
      expect(
        reducer(on, ChatReceiptActions.typingExpired({ conversationId: CONVERSATION, userId: GRACE })).typing,
      ).toEqual({});
    });

    it('ignores typing from anyone but the participant', () => {
      const state = run(listed(buildConversation()), typing(true, 'someone-else'));
      expect(state.typing).toEqual({});
    });
  });

  it('follows the participant presence', () => {
    let state = run(listed(buildConversation({ participant: buildParticipant({ online: false }) })));
    state = reducer(state, FriendsSocketActions.presenceUpdated({ userId: GRACE, online: true }));
    expect(conversation(state).participant!.online).toBe(true);
    state = reducer(
      state,
      FriendsSocketActions.presenceUpdated({ userId: GRACE, online: false, lastSeenAt: '2026-03-02T11:00:00.000Z' }),
    );
    expect(conversation(state).participant).toMatchObject({ online: false, lastSeenAt: '2026-03-02T11:00:00.000Z' });
    state = reducer(state, FriendsSocketActions.presenceSnapshotReceived({ online: [GRACE] }));
    expect(conversation(state).participant!.online).toBe(true);
  });

  it('keeps presence the socket told before a list that was answered earlier, until the connection drops', () => {
    const offlineInList = listed(buildConversation({ participant: buildParticipant({ online: false }) }));
    let state = run(FriendsSocketActions.presenceUpdated({ userId: GRACE, online: true }), offlineInList);
    expect(conversation(state).participant!.online).toBe(true);
    state = reducer(state, offlineInList);
    expect(conversation(state).participant!.online).toBe(true);
    state = reducer(reducer(state, SocketActions.disconnected()), offlineInList);
    expect(conversation(state).participant!.online).toBe(false);
  });

  it('shows a participant who erased their account as "Deleted user" at once', () => {
    const other = buildConversation({ id: 'other', participant: buildParticipant({ id: 'someone-else' }) });
    const erased = {
      id: GRACE,
      username: 'deleted-1',
      displayName: 'Deleted user',
      avatarUrl: null,
      bio: '',
      deleted: true,
    };
    const state = run(listed(buildConversation(), other), ChatSocketActions.participantErased({ user: erased }));
    expect(conversation(state).participant).toEqual(erased);
    expect(state.entities['other']?.participant?.id).toBe('someone-else');
  });

  it('shows the deleted marker in the preview when the last message is deleted', () => {
    const last = buildMessage({ text: 'oops' });
    const state = run(
      listed(buildConversation({ lastMessage: last })),
      ChatSocketActions.messageDeleted({
        id: last.id,
        conversationId: CONVERSATION,
        deletedAt: '2026-03-02T12:00:00Z',
      }),
    );
    expect(conversation(state).lastMessage).toMatchObject({ id: last.id, deletedAt: '2026-03-02T12:00:00Z' });
    expect(conversation(state).lastMessage?.text).toBeUndefined();
  });

  it('adds a chat opened from the friends panel and remembers which one is open', () => {
    let state = run(ConversationsApiActions.openSucceeded({ conversation: buildConversation() }));
    expect(state.ids).toEqual([CONVERSATION]);
    state = reducer(state, ChatPageActions.opened({ conversationId: CONVERSATION }));
    expect(conversationsFeature.selectOpenConversation.projector(state.entities, state.openId)?.id).toBe(CONVERSATION);
    expect(reducer(state, ChatPageActions.closed()).openId).toBeNull();
  });

  it('sums the unread counts and forgets everything on sign-out', () => {
    const state = run(listed(buildConversation({ id: 'c1', unread: 2 }), buildConversation({ id: 'c2', unread: 3 })));
    expect(conversationsFeature.selectUnreadTotal.projector(state.ids.map((id) => state.entities[id]!))).toBe(5);
    expect(reducer(state, AuthApiActions.signedOut())).toEqual(initialConversationsState);
  });

  it('shows nobody online while the connection is down, until the next snapshot', () => {
    const online = buildConversation({ participant: buildParticipant({ id: GRACE, online: true }) });
    const state = run(listed(online), SocketActions.disconnected());
    expect(conversation(state).participant!.online).toBe(false);
    const back = reducer(state, FriendsSocketActions.presenceSnapshotReceived({ online: [GRACE] }));
    expect(conversation(back).participant!.online).toBe(true);
  });

  it('takes a participant’s new name and picture live, keeping their presence', () => {
    const grace = buildParticipant({ id: GRACE, displayName: 'Grace', online: true });
    const state = run(
      listed(buildConversation({ participant: grace })),
      SocketActions.userUpdated({
        user: { ...grace, online: undefined, displayName: 'Grace Hopper', avatarUrl: '/a' },
      }),
    );
    expect(conversation(state).participant).toEqual({ ...grace, displayName: 'Grace Hopper', avatarUrl: '/a' });
  });

  it('remembers a refusal that holds for every message, until they are friends again', () => {
    const failed = (code: string) =>
      MessagesApiActions.sendFailed({
        conversationId: CONVERSATION,
        senderId: ME,
        clientId: code,
        error: 'No',
        code,
        permanent: true,
      });
    const grace = buildParticipant({ id: GRACE });
    let state = run(listed(buildConversation({ participant: grace })), failed('message_too_long'));
    expect(state.refused).toEqual({});
    state = reducer(state, failed('recipient_unavailable'));
    expect(state.refused).toEqual({ [CONVERSATION]: 'recipient_unavailable' });
    state = reducer(
      state,
      FriendsSocketActions.friendAdded({ user: { ...grace, online: false, lastSeenAt: null, since: '' } }),
    );
    expect(state.refused).toEqual({});
  });

  it('stops showing presence once they are no longer friends', () => {
    const grace = buildParticipant({ id: GRACE, online: true, lastSeenAt: null });
    const state = run(
      listed(buildConversation({ participant: grace })),
      FriendsSocketActions.friendRemoved({ userId: GRACE }),
    );
    expect(conversation(state).participant).not.toHaveProperty('online');
    expect(conversation(state).participant).not.toHaveProperty('lastSeenAt');
  });

  describe('groups', () => {
    const signedIn = AuthApiActions.sessionRefreshed({ response: buildAuthResponse({ user: buildUser({ id: ME }) }) });
    const group = (state: ConversationsState) => state.entities[GROUP]!;
    const member = (state: ConversationsState, userId: string) =>
      group(state).members!.find((m) => m.userId === userId)!;
    const inGroup = (overrides: Parameters<typeof buildMessage>[0] = {}) =>
      buildMessage({ conversationId: GROUP, ...overrides });

    it('counts messages from any other member as unread, not mine nor system lines', () => {
      let state = run(signedIn, listed(buildGroup()));
      state = reducer(state, ChatSocketActions.messageReceived({ message: inGroup({ senderId: GRACE }) }));
      state = reducer(state, ChatSocketActions.messageReceived({ message: inGroup({ senderId: BEN }) }));
      state = reducer(state, MessagesApiActions.sendSucceeded({ message: inGroup({ senderId: ME }) }));
      const system = inGroup({
        senderId: GRACE,
        kind: 'system',
        text: undefined,
        system: { event: 'left', actorId: GRACE },
      });
      state = reducer(state, ChatSocketActions.messageReceived({ message: system }));
      expect(group(state)).toMatchObject({ unread: 2, lastMessage: system });
    });

    it('adds a group I was added to, and takes its changes', () => {
      let state = run(signedIn, listed(buildConversation()));
      state = reducer(state, ChatSocketActions.conversationUpdated({ conversation: buildGroup() }));
      expect(state.ids).toContain(GROUP);
      state = reducer(state, ChatSocketActions.conversationUpdated({ conversation: buildGroup({ name: 'Ops 2' }) }));
      expect(group(state).name).toBe('Ops 2');
    });

    it('moves each member’s receipts forward only, by seq, and keeps them through a fetch', () => {
      const receipt = (kind: 'Delivered' | 'Read', userId: string, upTo: string, upToSeq: number) =>
        ChatSocketActions[`conversation${kind}`]({ conversationId: GROUP, userId, upTo, upToSeq });
      let state = run(signedIn, listed(buildGroup({ unread: 4 })), receipt('Delivered', GRACE, 'm5', 5));
      expect(member(state, GRACE)).toMatchObject({ deliveredUpTo: 'm5', deliveredUpToSeq: 5, readUpTo: null });
      state = reducer(state, receipt('Delivered', GRACE, 'm3', 3));
      expect(member(state, GRACE).deliveredUpToSeq).toBe(5);
      state = reducer(state, receipt('Read', BEN, 'm7', 7));
      expect(member(state, BEN)).toMatchObject({ readUpToSeq: 7, deliveredUpToSeq: 7 });
      expect(member(state, GRACE).readUpToSeq).toBeNull();
      // Someone else reading does not touch my unread count; my own read in another tab clears it.
      expect(group(state).unread).toBe(4);
      // A fetch that started before the read keeps the later marker.
      const fetched = buildGroup({ unread: 4 });
      fetched.members = fetched.members!.map((m) => (m.userId === BEN ? { ...m, readUpTo: 'm6', readUpToSeq: 6 } : m));
      state = reducer(state, listed(fetched));
      expect(member(state, BEN)).toMatchObject({ readUpTo: 'm7', readUpToSeq: 7 });
      state = reducer(state, receipt('Read', ME, 'm7', 7));
      expect(group(state).unread).toBe(0);
    });

    it('keeps who is typing as a set per conversation, each expiring on its own', () => {
      const typing = (userId: string, on: boolean) =>
        ChatSocketActions.typingChanged({ conversationId: GROUP, userId, typing: on });
      let state = run(signedIn, listed(buildGroup()), ChatPageActions.opened({ conversationId: GROUP }));
      state = [typing(GRACE, true), typing(BEN, true), typing(GRACE, true), typing(ME, true), typing('x', true)].reduce(
        reducer,
        state,
      );
      expect(conversationsFeature.selectOpenTypingUserIds.projector(state.typing, state.openId)).toEqual([GRACE, BEN]);
      state = reducer(state, ChatReceiptActions.typingExpired({ conversationId: GROUP, userId: GRACE }));
      expect(state.typing[GROUP]).toEqual([BEN]);
      state = reducer(state, ChatSocketActions.messageReceived({ message: inGroup({ senderId: BEN }) }));
      expect(state.typing).toEqual({});
    });

    it('marks a group left on removal and takes nothing after it, also after a reload of the list', () => {
      const removal = inGroup({
        senderId: GRACE,
        kind: 'system',
        text: undefined,
        system: { event: 'removed', actorId: GRACE, targetIds: [ME] },
      });
      let state = run(signedIn, listed(buildGroup()), ChatSocketActions.messageReceived({ message: removal }));
      state = reducer(state, ChatSocketActions.conversationRemoved({ conversationId: GROUP, upToSeq: removal.seq }));
      expect(group(state)).toMatchObject({ left: true, lastMessage: removal, unread: 0 });
      expect(group(state).members!.map((member) => member.userId)).toEqual([GRACE, BEN]);
      const late = inGroup({ senderId: BEN });
      state = reducer(state, ChatSocketActions.messageReceived({ message: late }));
      expect(group(state)).toMatchObject({ lastMessage: removal, unread: 0 });
      // A reload lists it read-only (`left`), up to the line that removed me.
      state = run(signedIn, listed(buildGroup({ left: true, lastMessage: removal })));
      state = reducer(state, ChatSocketActions.messageReceived({ message: inGroup({ senderId: BEN }) }));
      expect(group(state)).toMatchObject({ lastMessage: removal, unread: 0 });
      // Added back: a member again.
      state = reducer(
        state,
        ChatSocketActions.conversationUpdated({ conversation: buildGroup({ lastMessage: removal }) }),
      );
      const after = inGroup({ senderId: BEN });
      state = reducer(state, ChatSocketActions.messageReceived({ message: after }));
      expect(group(state)).toMatchObject({ lastMessage: after, unread: 1 });
      expect(group(state).left).toBeUndefined();
    });

    it('follows presence, profile changes and erasure of group members', () => {
      let state = run(signedIn, listed(buildGroup()));
      state = reducer(state, FriendsSocketActions.presenceUpdated({ userId: BEN, online: true }));
      expect(member(state, BEN).user.online).toBe(true);
      state = reducer(state, FriendsSocketActions.presenceSnapshotReceived({ online: [GRACE] }));
      expect([member(state, GRACE).user.online, member(state, BEN).user.online]).toEqual([true, false]);
      state = reducer(
        state,
        SocketActions.userUpdated({ user: buildParticipant({ id: BEN, displayName: 'Benjamin', online: undefined }) }),
      );
      expect(member(state, BEN).user).toMatchObject({ displayName: 'Benjamin', online: false });
      const erased = {
        id: GRACE,
        username: 'deleted-1',
        displayName: 'Deleted user',
        avatarUrl: null,
        bio: '',
        deleted: true,
      };
      state = reducer(state, ChatSocketActions.participantErased({ user: erased }));
      expect(member(state, GRACE).user).toEqual(erased);
    });
  });
});
