import type { ConversationView, MessageView } from '@contracts/messages';
import type { PublicUser } from '@contracts/users';
import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';

import { AuthApiActions, AuthTabActions } from '../../core/auth/auth-actions';
import { SocketActions } from '../../core/socket/socket-actions';
import { FriendsSocketActions } from '../../friends/friends-actions';
import { NotificationsApiActions } from '../../notifications/notification-actions';
import { laterMark, type ReceiptMark } from '../chat-models';
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
  /** The conversation shown in the message window. */
  openId: string | null;
  /** Why opening a chat from the friends panel failed. */
  openError: string | null;
  /** Conversation id → the participant who is typing there. */
  typing: Record<string, string | undefined>;
  /** Conversation id → why the server refused the last message there for good (`not_friends`, …). */
  refused: Record<string, string | undefined>;
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
  openId: null,
  openError: null,
  typing: {},
  refused: {},
});

const deliveredOf = (c: ConversationView): ReceiptMark => ({ id: c.deliveredUpTo, seq: c.deliveredUpToSeq });
const readOf = (c: ConversationView): ReceiptMark => ({ id: c.readUpTo, seq: c.readUpToSeq });
const delivered = ({ id, seq }: ReceiptMark) => ({ deliveredUpTo: id, deliveredUpToSeq: seq });
const read = ({ id, seq }: ReceiptMark) => ({ readUpTo: id, readUpToSeq: seq });

/** Moves a marker forward only: a receipt can arrive after a later one (another instance, a stale tab). */
function advance(current: ReceiptMark, upTo: string, upToSeq: number): ReceiptMark {
  return laterMark(current, { id: upTo, seq: upToSeq });
}

/**
 * A fresh copy from the server, without losing what the socket delivered while the request was under way:
 * receipts and the preview only move forward.
 */
function mergeConversation(local: ConversationView | undefined, server: ConversationView): ConversationView {
  if (!local) return server;
  const localIsNewer = (local.lastMessage?.seq ?? 0) > (server.lastMessage?.seq ?? 0);
  return {
    ...server,
    lastMessage: localIsNewer ? local.lastMessage : server.lastMessage,
    lastActivityAt: local.lastActivityAt > server.lastActivityAt ? local.lastActivityAt : server.lastActivityAt,
    ...delivered(laterMark(deliveredOf(local), deliveredOf(server))),
    // null from the server: they stopped sharing read receipts.
    ...(server.readUpTo === null ? read({ id: null, seq: null }) : read(laterMark(readOf(local), readOf(server)))),
  };
}

function update(
  state: ConversationsState,
  id: string,
  change: (conversation: ConversationView) => ConversationView,
): ConversationsState {
  const conversation = state.entities[id];
  return conversation ? conversationsAdapter.setOne(change(conversation), state) : state;
}

/** Changes the participant of every conversation whose participant matches. */
function withParticipants(
  state: ConversationsState,
  matches: (participant: PublicUser) => boolean,
  change: (participant: PublicUser) => PublicUser,
): ConversationsState {
  const changed = state.ids
    .map((id) => state.entities[id]!)
    .filter((conversation) => matches(conversation.participant))
    .map((conversation) => ({ ...conversation, participant: change(conversation.participant) }));
  return changed.length ? conversationsAdapter.setMany(changed, state) : state;
}

/** A new message moves the preview and the activity time forward; unread counts the other person's new ones. */
function withMessage(conversation: ConversationView, message: MessageView): ConversationView {
  if (conversation.lastMessage && conversation.lastMessage.seq >= message.seq) return conversation;
  const incoming = message.senderId === conversation.participant.id;
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

function withoutTyping(state: ConversationsState, conversationId: string): ConversationsState {
  if (!state.typing[conversationId]) return state;
  const { [conversationId]: _gone, ...typing } = state.typing;
  return { ...state, typing };
}

export const conversationsFeature = createFeature({
  name: 'conversations',
  reducer: createReducer(
    initialConversationsState,
    on(ConversationsApiActions.listLoaded, (state, { conversations }): ConversationsState => ({
      ...conversationsAdapter.setAll(
        conversations.map((server) => mergeConversation(state.entities[server.id], server)),
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
      ...conversationsAdapter.setOne(mergeConversation(state.entities[conversation.id], conversation), state),
      openError: null,
    })),
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
    on(ChatSocketActions.messageReceived, MessagesApiActions.sendSucceeded, (state, { message }): ConversationsState =>
      update(
        message.senderId === state.entities[message.conversationId]?.participant.id
          ? withoutTyping(state, message.conversationId)
          : state,
        message.conversationId,
        (conversation) => withMessage(conversation, message),
      ),
    ),
    on(
      ChatSocketActions.messageUpdated,
      MessagesApiActions.editSucceeded,
      MessagesApiActions.deleteSucceeded,
      (state, { message }): ConversationsState =>
        update(state, message.conversationId, (conversation) => withChangedMessage(conversation, message)),
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
          conversation.participant.id === userId
            ? { ...conversation, ...delivered(advance(deliveredOf(conversation), upTo, upToSeq)) }
            : conversation,
        ),
    ),
    // The other person read (they saw it, so it was delivered too), or I read it in another tab.
    on(ChatSocketActions.conversationRead, (state, { conversationId, userId, upTo, upToSeq }): ConversationsState =>
      update(state, conversationId, (conversation) =>
        conversation.participant.id === userId
          ? {
              ...conversation,
              ...read(advance(readOf(conversation), upTo, upToSeq)),
              ...delivered(advance(deliveredOf(conversation), upTo, upToSeq)),
            }
          : { ...conversation, unread: 0 },
      ),
    ),
    on(ChatReceiptActions.readSent, (state, { conversationId }): ConversationsState =>
      update(state, conversationId, (conversation) =>
        conversation.unread ? { ...conversation, unread: 0 } : conversation,
      ),
    ),
    on(ChatSocketActions.typingChanged, (state, { conversationId, userId, typing }): ConversationsState => {
      if (state.entities[conversationId]?.participant.id !== userId) return state;
      return typing
        ? { ...state, typing: { ...state.typing, [conversationId]: userId } }
        : withoutTyping(state, conversationId);
    }),
    on(ChatReceiptActions.typingExpired, (state, { conversationId }): ConversationsState =>
      withoutTyping(state, conversationId),
    ),
    on(FriendsSocketActions.presenceUpdated, (state, { userId, online, lastSeenAt, away }): ConversationsState =>
      conversationsAdapter.setMany(
        state.ids
          .map((id) => state.entities[id]!)
          .filter((conversation) => conversation.participant.id === userId)
          .map((conversation) => ({
            ...conversation,
            participant: {
              ...conversation.participant,
              online,
              away: online && (away ?? false),
              lastSeenAt: lastSeenAt === undefined ? conversation.participant.lastSeenAt : lastSeenAt,
            },
          })),
        state,
      ),
    ),
    on(MessagesApiActions.sendFailed, (state, { conversationId, code }): ConversationsState =>
      code && REPLY_REFUSALS.includes(code)
        ? { ...state, refused: { ...state.refused, [conversationId]: code } }
        : state,
    ),
    // Friends (again): whatever kept them apart is over.
    on(FriendsSocketActions.friendAdded, (state, { user }): ConversationsState => {
      const ids = (state.ids as string[]).filter((id) => state.entities[id]?.participant.id === user.id);
      if (!ids.some((id) => state.refused[id])) return state;
      const refused = { ...state.refused };
      for (const id of ids) delete refused[id];
      return { ...state, refused };
    }),
    // No longer friends: presence is no longer shared (a snapshot brings it back where it still is).
    on(FriendsSocketActions.friendRemoved, (state, { userId }): ConversationsState =>
      withParticipants(
        state,
        (participant) => participant.id === userId,
        ({ online: _online, lastSeenAt: _lastSeenAt, ...participant }) => participant,
      ),
    ),
    // Without a connection nobody's presence is known: nobody is shown online until the next snapshot.
    on(SocketActions.disconnected, (state): ConversationsState =>
      withParticipants(
        state,
        (participant) => participant.online === true,
        (participant) => ({ ...participant, online: false }),
      ),
    ),
    on(
      SocketActions.userUpdated,
      (state, { user: { id, username, displayName, avatarUrl, bio } }): ConversationsState =>
        withParticipants(
          state,
          (participant) => participant.id === id,
          (participant) => ({ ...participant, username, displayName, avatarUrl, bio }),
        ),
    ),
    on(ChatSocketActions.participantErased, (state, { user }): ConversationsState =>
      conversationsAdapter.setMany(
        state.ids
          .map((id) => state.entities[id]!)
          .filter((conversation) => conversation.participant.id === user.id)
          .map((conversation) => ({ ...conversation, participant: user })),
        state,
      ),
    ),
    // The snapshot lists who is online among those who share presence (friends, and conversation partners with
    // DIRECT_MESSAGES=everyone); presence is known only for those participants.
    on(FriendsSocketActions.presenceSnapshotReceived, (state, { online, away = [] }): ConversationsState => {
      const onlineNow = new Set(online);
      const awayNow = new Set(away);
      return conversationsAdapter.setMany(
        state.ids
          .map((id) => state.entities[id]!)
          .filter(({ participant }) => participant.online !== undefined || onlineNow.has(participant.id))
          .filter(
            ({ participant }) =>
              participant.online !== onlineNow.has(participant.id) ||
              !!participant.away !== awayNow.has(participant.id),
          )
          .map((conversation) => ({
            ...conversation,
            participant: {
              ...conversation.participant,
              online: onlineNow.has(conversation.participant.id),
              away: awayNow.has(conversation.participant.id),
            },
          })),
        state,
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
      selectOpenTypingUserId: createSelector(selectTyping, selectOpenId, (typing, id) =>
        id ? (typing[id] ?? null) : null,
      ),
      selectUnreadTotal: createSelector(selectAll, (all) => all.reduce((sum, c) => sum + c.unread, 0)),
    };
  },
});
