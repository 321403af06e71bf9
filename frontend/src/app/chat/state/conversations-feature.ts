import type { ConversationView, MessageView } from '@contracts/messages';
import type { PublicUser } from '@contracts/users';
import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';

import { AuthApiActions, AuthTabActions } from '../../core/auth/auth-actions';
import { SocketActions } from '../../core/socket/socket-actions';
import { FriendsSocketActions } from '../../friends/friends-actions';
import { GroupsApiActions } from '../../groups/group-actions';
import { NotificationsApiActions } from '../../notifications/notification-actions';
import { laterMark, type ReceiptMark } from '../chat-models';
import { isFromOthers, personIn, withPeople } from '../conversation-people';
import {
  ChatPageActions,
  ChatReceiptActions,
  ChatSocketActions,
  ConversationsApiActions,
  MessagesApiActions,
} from './chat-actions';

export interface ConversationsState extends EntityState<ConversationView> {
  status: 'idle' | 'loading' | 'loaded' | 'error';
  error: string | null;
  /** The signed-in person: tells my messages in a group from everybody else's. */
  me: string | null;
  /** The conversation shown in the message window. */
  openId: string | null;
  /** Why opening a chat from the friends panel failed. */
  openError: string | null;
  /** Conversation id → who is typing there (the direct chat's participant, or group members), in the order they began. */
  typing: Record<string, string[] | undefined>;
  /** Conversation id → why the server refused the last message there for good (`not_friends`, …). */
  refused: Record<string, string | undefined>;
  /** Group id → the last seq I may see there, since I was removed or left (later ones still arriving are dropped). */
  leftUpToSeq: Record<string, number | undefined>;
  /**
   * Person id → presence as the socket told it since the connection came up. It outlives the people's conversations
   * being loaded: a list answered before someone came online must not undo the event that said so.
   */
  presence: Record<string, KnownPresence | undefined>;
}

interface KnownPresence {
  online: boolean;
  away: boolean;
  lastSeenAt?: string | null;
}

/** Refusals that hold for every message to that person, until something between the two changes. */
const REPLY_REFUSALS = ['not_friends', 'recipient_unavailable', 'automated_account'];

/** Most recent activity first, as the server lists them. */
export const conversationsAdapter = createEntityAdapter<ConversationView>({
  selectId: (conversation) => conversation.id,
  sortComparer: (a, b) =>
    a.lastActivityAt === b.lastActivityAt ? b.id.localeCompare(a.id) : a.lastActivityAt < b.lastActivityAt ? 1 : -1,
});

export const initialConversationsState: ConversationsState = conversationsAdapter.getInitialState({
  status: 'idle' as const,
  error: null,
  me: null,
  openId: null,
  openError: null,
  typing: {},
  refused: {},
  leftUpToSeq: {},
  presence: {},
});

type Marked = Pick<ConversationView, 'deliveredUpTo' | 'deliveredUpToSeq' | 'readUpTo' | 'readUpToSeq'>;
const deliveredOf = (c: Marked): ReceiptMark => ({ id: c.deliveredUpTo, seq: c.deliveredUpToSeq });
const readOf = (c: Marked): ReceiptMark => ({ id: c.readUpTo, seq: c.readUpToSeq });
const delivered = ({ id, seq }: ReceiptMark) => ({ deliveredUpTo: id, deliveredUpToSeq: seq });
const read = ({ id, seq }: ReceiptMark) => ({ readUpTo: id, readUpToSeq: seq });

/** Moves a marker forward only: a receipt can arrive after a later one (another instance, a stale tab). */
function advance(current: ReceiptMark, upTo: string, upToSeq: number): ReceiptMark {
  return laterMark(current, { id: upTo, seq: upToSeq });
}

/** The server's markers, unless the socket brought later ones meanwhile (null reads: they stopped sharing them). */
function laterMarks<T extends Marked>(local: Marked, server: T): T {
  return {
    ...server,
    ...delivered(laterMark(deliveredOf(local), deliveredOf(server))),
    ...(server.readUpTo === null ? read({ id: null, seq: null }) : read(laterMark(readOf(local), readOf(server)))),
  };
}

/**
 * A fresh copy from the server, without losing what the socket delivered while the request was under way:
 * receipts (a group member's too) and the preview only move forward.
 */
function mergeConversation(local: ConversationView | undefined, server: ConversationView): ConversationView {
  if (!local) return server;
  const localIsNewer = (local.lastMessage?.seq ?? 0) > (server.lastMessage?.seq ?? 0);
  const merged: ConversationView = {
    ...laterMarks(local, server),
    lastMessage: localIsNewer ? local.lastMessage : server.lastMessage,
    lastActivityAt: local.lastActivityAt > server.lastActivityAt ? local.lastActivityAt : server.lastActivityAt,
  };
  if (!server.members) return merged;
  const before = new Map((local.members ?? []).map((member) => [member.userId, member]));
  const members = server.members.map((member) => {
    const known = before.get(member.userId);
    return known ? laterMarks(known, member) : member;
  });
  return { ...merged, members };
}

/** The server's copy of a conversation, with what the socket has said since about receipts, previews and presence. */
function fromServer(state: ConversationsState, server: ConversationView): ConversationView {
  const merged = mergeConversation(state.entities[server.id], server);
  return withPeople(
    merged,
    (person) => state.presence[person.id] !== undefined,
    (person) => {
      const { lastSeenAt, ...known } = state.presence[person.id]!;
      return { ...person, ...known, ...(lastSeenAt === undefined ? {} : { lastSeenAt }) };
    },
  );
}

function update(
  state: ConversationsState,
  id: string,
  change: (conversation: ConversationView) => ConversationView,
): ConversationsState {
  const conversation = state.entities[id];
  return conversation ? conversationsAdapter.setOne(change(conversation), state) : state;
}

/** Changes everyone matching in every conversation: direct chats' participants and groups' members. */
function withPeopleEverywhere(
  state: ConversationsState,
  matches: (person: PublicUser) => boolean,
  change: (person: PublicUser) => PublicUser,
): ConversationsState {
  const changed = state.ids
    .map((id) => state.entities[id]!)
    .map((conversation) => [conversation, withPeople(conversation, matches, change)] as const)
    .filter(([before, after]) => before !== after)
    .map(([, after]) => after);
  return changed.length ? conversationsAdapter.setMany(changed, state) : state;
}

/** The last seq a former member may see: from the removal's event, else the line that removed them. */
function leftUpTo(state: ConversationsState, conversation: ConversationView): number | null {
  if (!conversation.left) return null;
  return state.leftUpToSeq[conversation.id] ?? conversation.lastMessage?.seq ?? 0;
}

/**
 * A new message moves the preview and the activity time forward; unread counts someone else's new ones (not
 * system lines, which the server does not count either). A former member takes nothing after their removal.
 */
function withMessage(
  state: ConversationsState,
  conversation: ConversationView,
  message: MessageView,
): ConversationView {
  if (conversation.lastMessage && conversation.lastMessage.seq >= message.seq) return conversation;
  const upTo = leftUpTo(state, conversation);
  if (upTo !== null && message.seq > upTo) return conversation;
  const incoming = message.kind !== 'system' && isFromOthers(conversation, message.senderId, state.me);
  return {
    ...conversation,
    lastMessage: message,
    lastActivityAt: message.createdAt > conversation.lastActivityAt ? message.createdAt : conversation.lastActivityAt,
    unread: incoming ? conversation.unread + 1 : conversation.unread,
  };
}

function withChangedMessage(conversation: ConversationView, message: MessageView): ConversationView {
  return conversation.lastMessage?.id === message.id ? { ...conversation, lastMessage: message } : conversation;
}

function withTyping(
  state: ConversationsState,
  conversationId: string,
  userId: string,
  on: boolean,
): ConversationsState {
  const before = state.typing[conversationId] ?? [];
  if (before.includes(userId) === on) return state;
  const after = on ? [...before, userId] : before.filter((id) => id !== userId);
  const { [conversationId]: _gone, ...others } = state.typing;
  return { ...state, typing: after.length ? { ...others, [conversationId]: after } : others };
}

/** A receipt of someone else: the direct chat's participant, or the group member it names. */
function withReceipt(
  conversation: ConversationView,
  userId: string,
  change: (marks: Marked) => Partial<Marked>,
): ConversationView {
  if (conversation.participant) {
    return conversation.participant.id === userId ? { ...conversation, ...change(conversation) } : conversation;
  }
  if (!conversation.members?.some((member) => member.userId === userId)) return conversation;
  const members = conversation.members.map((member) =>
    member.userId === userId ? { ...member, ...change(member) } : member,
  );
  return { ...conversation, members };
}

export const conversationsFeature = createFeature({
  name: 'conversations',
  reducer: createReducer(
    initialConversationsState,
    on(
      AuthApiActions.loginSucceeded,
      AuthApiActions.signupSucceeded,
      AuthApiActions.invitationAccepted,
      AuthApiActions.sessionRefreshed,
      (state, { response }): ConversationsState =>
        state.me === response.user.id ? state : { ...state, me: response.user.id },
    ),
    on(ConversationsApiActions.listLoaded, (state, { conversations }): ConversationsState => ({
      ...conversationsAdapter.setAll(
        conversations.map((server) => fromServer(state, server)),
        state,
      ),
      status: 'loaded',
      error: null,
    })),
    on(ConversationsApiActions.listLoadFailed, (state, { error }): ConversationsState => ({
      ...state,
      status: state.status === 'loaded' ? 'loaded' : 'error',
      error,
    })),
    on(ConversationsApiActions.openSucceeded, (state, { conversation }): ConversationsState => ({
      ...conversationsAdapter.setOne(fromServer(state, conversation), state),
      openError: null,
    })),
    // A group I am in changed (also by me: GroupsApiActions.saved), or I was added to one (it joins the list); a
    // member again is no longer read-only.
    on(ChatSocketActions.conversationUpdated, GroupsApiActions.saved, (state, { conversation }): ConversationsState => {
      const { [conversation.id]: _former, ...leftUpToSeq } = state.leftUpToSeq;
      const next = conversationsAdapter.setOne(fromServer(state, conversation), state);
      return conversation.left ? next : { ...next, leftUpToSeq };
    }),
    // Read-only from now on, with the members as of then, as a reload lists it: the others, not me.
    on(ChatSocketActions.conversationRemoved, (state, { conversationId, upToSeq }): ConversationsState => {
      const { [conversationId]: _typing, ...typing } = state.typing;
      return {
        ...update(state, conversationId, (conversation) => ({
          ...conversation,
          left: true,
          members: conversation.members?.filter((member) => member.userId !== state.me),
        })),
        typing,
        leftUpToSeq: { ...state.leftUpToSeq, [conversationId]: upToSeq },
      };
    }),
    on(ConversationsApiActions.openFailed, (state, { error }): ConversationsState => ({ ...state, openError: error })),
    on(NotificationsApiActions.muteChanged, (state, { conversationId, muted, mutedUntil }): ConversationsState =>
      update(state, conversationId, (conversation) => ({ ...conversation, muted, mutedUntil })),
    ),
    on(ChatPageActions.opened, (state, { conversationId }): ConversationsState => ({
      ...state,
      openId: conversationId,
      openError: null,
    })),
    on(ChatPageActions.closed, (state): ConversationsState => ({ ...state, openId: null })),
    // Whoever sent a message has stopped typing it.
    on(ChatSocketActions.messageReceived, MessagesApiActions.sendSucceeded, (state, { message }): ConversationsState =>
      update(
        withTyping(state, message.conversationId, message.senderId, false),
        message.conversationId,
        (conversation) => withMessage(state, conversation, message),
      ),
    ),
    on(
      ChatSocketActions.messageUpdated,
      MessagesApiActions.editSucceeded,
      MessagesApiActions.deleteSucceeded,
      (state, { message }): ConversationsState =>
        update(state, message.conversationId, (conversation) => withChangedMessage(conversation, message)),
    ),
    // Deleted for me: the preview is gone until the list's next load brings the one I still see (see loadConversations$).
    on(
      MessagesApiActions.deleteForMeSucceeded,
      ChatSocketActions.messageHidden,
      (state, action): ConversationsState => {
        const id = 'messageId' in action ? action.messageId : action.id;
        return update(state, action.conversationId, (conversation) =>
          conversation.lastMessage?.id === id ? { ...conversation, lastMessage: null } : conversation,
        );
      },
    ),
    on(ChatSocketActions.messageDeleted, (state, { id, conversationId, deletedAt }): ConversationsState =>
      update(state, conversationId, (conversation) => {
        const last = conversation.lastMessage;
        if (last?.id !== id) return conversation;
        const { text: _text, media: _media, editedAt: _editedAt, ...rest } = last;
        return { ...conversation, lastMessage: { ...rest, deletedAt } };
      }),
    ),
    on(
      ChatSocketActions.conversationDelivered,
      (state, { conversationId, userId, upTo, upToSeq }): ConversationsState =>
        update(state, conversationId, (conversation) =>
          withReceipt(conversation, userId, (marks) => delivered(advance(deliveredOf(marks), upTo, upToSeq))),
        ),
    ),
    // Someone else read (they saw it, so it was delivered too), or I read it in another tab.
    on(ChatSocketActions.conversationRead, (state, { conversationId, userId, upTo, upToSeq }): ConversationsState =>
      update(state, conversationId, (conversation) =>
        (conversation.participant ? conversation.participant.id !== userId : userId === state.me)
          ? { ...conversation, unread: 0 }
          : withReceipt(conversation, userId, (marks) => ({
              ...read(advance(readOf(marks), upTo, upToSeq)),
              ...delivered(advance(deliveredOf(marks), upTo, upToSeq)),
            })),
      ),
    ),
    on(ChatReceiptActions.readSent, (state, { conversationId }): ConversationsState =>
      update(state, conversationId, (conversation) =>
        conversation.unread ? { ...conversation, unread: 0 } : conversation,
      ),
    ),
    on(ChatSocketActions.typingChanged, (state, { conversationId, userId, typing }): ConversationsState => {
      const conversation = state.entities[conversationId];
      if (!conversation || conversation.left || userId === state.me || !personIn(conversation, userId)) return state;
      return withTyping(state, conversationId, userId, typing);
    }),
    on(ChatReceiptActions.typingExpired, (state, { conversationId, userId }): ConversationsState =>
      withTyping(state, conversationId, userId, false),
    ),
    on(FriendsSocketActions.presenceUpdated, (state, { userId, online, lastSeenAt, away }): ConversationsState => {
      const known: KnownPresence = { online, away: online && (away ?? false) };
      if (lastSeenAt !== undefined) known.lastSeenAt = lastSeenAt;
      return withPeopleEverywhere(
        { ...state, presence: { ...state.presence, [userId]: known } },
        (person) => person.id === userId,
        (person) => ({
          ...person,
          online,
          away: known.away,
          lastSeenAt: lastSeenAt === undefined ? person.lastSeenAt : lastSeenAt,
        }),
      );
    }),
    on(MessagesApiActions.sendFailed, (state, { conversationId, code }): ConversationsState =>
      code && REPLY_REFUSALS.includes(code)
        ? { ...state, refused: { ...state.refused, [conversationId]: code } }
        : state,
    ),
    // Friends (again): whatever kept them apart is over.
    on(FriendsSocketActions.friendAdded, (state, { user }): ConversationsState => {
      const ids = (state.ids as string[]).filter((id) => state.entities[id]?.participant?.id === user.id);
      if (!ids.some((id) => state.refused[id])) return state;
      const refused = { ...state.refused };
      for (const id of ids) delete refused[id];
      return { ...state, refused };
    }),
    // No longer friends: presence is no longer shared (a snapshot brings it back where it still is).
    on(FriendsSocketActions.friendRemoved, (state, { userId }): ConversationsState =>
      withPeopleEverywhere(
        { ...state, presence: { ...state.presence, [userId]: undefined } },
        (person) => person.id === userId,
        ({ online: _online, lastSeenAt: _lastSeenAt, ...person }) => person,
      ),
    ),
    // Without a connection nobody's presence is known: nobody is shown online until the next snapshot.
    on(SocketActions.disconnected, (state): ConversationsState =>
      withPeopleEverywhere(
        { ...state, presence: {} },
        (person) => person.online === true,
        (person) => ({ ...person, online: false }),
      ),
    ),
    on(
      SocketActions.userUpdated,
      (state, { user: { id, username, displayName, avatarUrl, bio } }): ConversationsState =>
        withPeopleEverywhere(
          state,
          (person) => person.id === id,
          (person) => ({ ...person, username, displayName, avatarUrl, bio }),
        ),
    ),
    on(ChatSocketActions.participantErased, (state, { user }): ConversationsState =>
      withPeopleEverywhere(
        state,
        (person) => person.id === user.id,
        () => user,
      ),
    ),
    // The snapshot lists who is online among those who share presence (friends, and conversation partners with
    // DIRECT_MESSAGES=everyone); presence is known only for those people.
    // Who is away follows as presence updates.
    on(FriendsSocketActions.presenceSnapshotReceived, (state, { online }): ConversationsState => {
      const onlineNow = new Set(online);
      // Who was known online and is not listed any more is known offline; the listed ones are online.
      const presence: ConversationsState['presence'] = {};
      for (const [id, known] of Object.entries(state.presence))
        if (known) presence[id] = { online: false, away: false };
      for (const id of online) presence[id] = { online: true, away: false };
      return withPeopleEverywhere(
        { ...state, presence },
        (person) =>
          (person.online !== undefined || onlineNow.has(person.id)) &&
          (person.online !== onlineNow.has(person.id) || !!person.away),
        (person) => ({ ...person, online: onlineNow.has(person.id), away: false }),
      );
    }),
    on(
      AuthApiActions.signedOut,
      AuthApiActions.sessionExpired,
      AuthTabActions.signedOutElsewhere,
      (): ConversationsState => initialConversationsState,
    ),
  ),
  extraSelectors: ({ selectEntities, selectIds, selectOpenId, selectTyping }) => {
    const selectAll = createSelector(selectIds, selectEntities, (ids, entities) => ids.map((id) => entities[id]!));
    return {
      selectAll,
      selectOpenConversation: createSelector(selectEntities, selectOpenId, (entities, id) =>
        id ? (entities[id] ?? null) : null,
      ),
      selectOpenTypingUserIds: createSelector(selectTyping, selectOpenId, (typing, id) =>
        id ? (typing[id] ?? noneTyping) : noneTyping,
      ),
      selectUnreadTotal: createSelector(selectAll, (all) => all.reduce((sum, c) => sum + c.unread, 0)),
    };
  },
});

const noneTyping: string[] = [];
