import type { DirectMessagesMode } from '@contracts/auth';
import type { FriendRequestView, FriendView } from '@contracts/friends';
import type { PublicUser } from '@contracts/users';
import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';

import type { ApiError } from '../core/api/api-error';
import { AuthApiActions, AuthTabActions } from '../core/auth/auth-actions';
import { SocketActions } from '../core/socket/socket-actions';
import { FriendsApiActions, FriendsPanelActions, FriendsSocketActions } from './friends-actions';

export interface FriendsSearchState {
  /** The trimmed query the results belong to; '' when not searching. */
  query: string;
  results: PublicUser[];
  nextCursor: string | null;
  loading: boolean;
  error: ApiError | null;
}

/** Friends by id (with presence) at the root of the slice; pending requests both ways; people I blocked. */
export interface FriendsState extends EntityState<FriendView> {
  /** The lists have been fetched since sign-in (an empty list then means "no friends yet"). */
  loaded: boolean;
  loadError: ApiError | null;
  incoming: EntityState<FriendRequestView>;
  outgoing: EntityState<FriendRequestView>;
  blocked: EntityState<PublicUser>;
  search: FriendsSearchState;
  /** Users with a send, answer, unfriend or (un)block in flight: their buttons are disabled meanwhile. */
  busy: string[];
  /** The last failed action, shown next to that user until dismissed or the next action. */
  actionError: (ApiError & { userId: string }) | null;
  /** The server's DIRECT_MESSAGES, once read after sign-in; until then only friends are offered "Message". */
  directMessages: DirectMessagesMode | null;
}

/** Where I stand with someone, for the buttons of a search result or a profile card. */
export type Relationship = 'friend' | 'incoming' | 'outgoing' | 'blocked' | 'none';

export const friendsAdapter = createEntityAdapter<FriendView>();
const requestsAdapter = createEntityAdapter<FriendRequestView>();
const usersAdapter = createEntityAdapter<PublicUser>();
const { selectAll: selectAllRequests } = requestsAdapter.getSelectors();

const initialSearch: FriendsSearchState = { query: '', results: [], nextCursor: null, loading: false, error: null };

export const initialFriendsState: FriendsState = friendsAdapter.getInitialState({
  loaded: false,
  loadError: null,
  incoming: requestsAdapter.getInitialState(),
  outgoing: requestsAdapter.getInitialState(),
  blocked: usersAdapter.getInitialState(),
  search: initialSearch,
  busy: [],
  actionError: null,
  directMessages: null,
});

const startBusy = (state: FriendsState, userId: string): FriendsState => ({
  ...state,
  busy: state.busy.includes(userId) ? state.busy : [...state.busy, userId],
  actionError: null,
});

const endBusy = (state: FriendsState, userId: string): FriendsState =>
  state.busy.includes(userId) ? { ...state, busy: state.busy.filter((id) => id !== userId) } : state;

/** A request is no longer pending (answered, cancelled, or the person was blocked): it leaves both lists. */
const dropRequest = (state: FriendsState, id: string): FriendsState => ({
  ...state,
  incoming: requestsAdapter.removeOne(id, state.incoming),
  outgoing: requestsAdapter.removeOne(id, state.outgoing),
});

const dropRequestsWith = (state: FriendsState, userId: string): FriendsState =>
  [...selectAllRequests(state.incoming), ...selectAllRequests(state.outgoing)]
    .filter((request) => request.user.id === userId)
    .reduce((next, request) => dropRequest(next, request.id), state);

/**
 * A request I accepted makes us friends at once; `friend:added` follows with their presence and replaces this
 * entry (addOne never overwrites one the socket already delivered).
 */
const befriend = (state: FriendsState, user: PublicUser): FriendsState =>
  friendsAdapter.addOne(
    { ...user, online: user.online ?? false, lastSeenAt: user.lastSeenAt ?? null, since: new Date().toISOString() },
    state,
  );

const onRequestClosed = (state: FriendsState, request: FriendRequestView): FriendsState => {
  const next = dropRequest(endBusy(state, request.user.id), request.id);
  return request.status === 'accepted' ? befriend(next, request.user) : next;
};

export const friendsFeature = createFeature({
  name: 'friends',
  reducer: createReducer(
    initialFriendsState,
    on(FriendsApiActions.loadSucceeded, (state, { friends, incoming, outgoing, blocked }): FriendsState => ({
      ...friendsAdapter.setAll(friends, state),
      loaded: true,
      loadError: null,
      incoming: requestsAdapter.setAll(incoming, state.incoming),
      outgoing: requestsAdapter.setAll(outgoing, state.outgoing),
      blocked: usersAdapter.setAll(blocked, state.blocked),
    })),
    on(FriendsApiActions.loadFailed, (state, { error }): FriendsState => ({ ...state, loadError: error })),

    // Presence: the snapshot on each connect says who is online now; updates follow one by one.
    on(FriendsSocketActions.presenceSnapshotReceived, (state, { online, away = [] }): FriendsState => {
      const onlineIds = new Set(online);
      const awayIds = new Set(away);
      return friendsAdapter.map((friend) => {
        const now = { online: onlineIds.has(friend.id), away: awayIds.has(friend.id) };
        return friend.online === now.online && !!friend.away === now.away ? friend : { ...friend, ...now };
      }, state);
    }),
    // Without a connection nobody's presence is known: nobody is shown online until the next snapshot.
    on(SocketActions.disconnected, (state): FriendsState =>
      friendsAdapter.map((friend) => (friend.online ? { ...friend, online: false, away: false } : friend), state),
    ),
    on(SocketActions.userUpdated, (state, { user: { id, username, displayName, avatarUrl, bio } }): FriendsState =>
      friendsAdapter.updateOne({ id, changes: { username, displayName, avatarUrl, bio } }, state),
    ),
    on(FriendsSocketActions.presenceUpdated, (state, { userId, online, lastSeenAt, away }): FriendsState =>
      friendsAdapter.updateOne(
        {
          id: userId,
          changes: { online, away: online && (away ?? false), ...(lastSeenAt === undefined ? {} : { lastSeenAt }) },
        },
        state,
      ),
    ),

    // `friend:request` reaches both people; `user` is the other one, so it is incoming when they sent it.
    on(FriendsSocketActions.requestReceived, (state, { request }): FriendsState => {
      if (request.status !== 'pending') return state;
      return request.user.id === request.from
        ? { ...state, incoming: requestsAdapter.setOne(request, state.incoming) }
        : { ...state, outgoing: requestsAdapter.setOne(request, state.outgoing) };
    }),
    on(FriendsSocketActions.requestUpdated, (state, { id, status }): FriendsState =>
      status === 'pending' ? state : dropRequest(state, id),
    ),
    on(FriendsSocketActions.friendAdded, (state, { user }): FriendsState =>
      dropRequestsWith(friendsAdapter.setOne(user, state), user.id),
    ),
    on(FriendsSocketActions.friendRemoved, (state, { userId }): FriendsState =>
      friendsAdapter.removeOne(userId, state),
    ),

    // Search: results belong to a query; a late answer for an older query is dropped.
    on(FriendsPanelActions.searchChanged, (state, { query }): FriendsState => {
      const trimmed = query.trim();
      if (trimmed === state.search.query) return state;
      return {
        ...state,
        search: trimmed ? { ...state.search, query: trimmed, loading: true, error: null } : initialSearch,
      };
    }),
    on(FriendsPanelActions.moreResultsRequested, (state): FriendsState => ({
      ...state,
      search: { ...state.search, loading: true, error: null },
    })),
    on(FriendsApiActions.searchSucceeded, (state, { query, users, nextCursor, append }): FriendsState =>
      query !== state.search.query
        ? state
        : {
            ...state,
            search: {
              ...state.search,
              results: append ? [...state.search.results, ...users] : users,
              nextCursor,
              loading: false,
              error: null,
            },
          },
    ),
    on(FriendsApiActions.searchFailed, (state, { query, error }): FriendsState =>
      query !== state.search.query ? state : { ...state, search: { ...state.search, loading: false, error } },
    ),

    // Actions on one person: busy until the server answers, then the answer updates the lists.
    on(
      FriendsPanelActions.addFriendClicked,
      FriendsPanelActions.unfriendConfirmed,
      FriendsPanelActions.unblockClicked,
      (state, { userId }): FriendsState => startBusy(state, userId),
    ),
    on(
      FriendsPanelActions.acceptClicked,
      FriendsPanelActions.declineClicked,
      FriendsPanelActions.cancelRequestClicked,
      (state, { request }): FriendsState => startBusy(state, request.user.id),
    ),
    on(FriendsPanelActions.blockConfirmed, (state, { user }): FriendsState => startBusy(state, user.id)),
    on(FriendsApiActions.requestSent, (state, { request }): FriendsState => {
      if (request.status === 'accepted') return onRequestClosed(state, request);
      const next = endBusy(state, request.user.id);
      return request.status === 'pending'
        ? { ...next, outgoing: requestsAdapter.setOne(request, next.outgoing) }
        : next;
    }),
    on(FriendsApiActions.requestClosed, (state, { request }): FriendsState => onRequestClosed(state, request)),
    on(FriendsApiActions.unfriended, (state, { userId }): FriendsState =>
      friendsAdapter.removeOne(userId, endBusy(state, userId)),
    ),
    on(FriendsApiActions.blocked, (state, { user }): FriendsState => {
      const next = dropRequestsWith(friendsAdapter.removeOne(user.id, endBusy(state, user.id)), user.id);
      return { ...next, blocked: usersAdapter.setOne(user, next.blocked) };
    }),
    on(FriendsApiActions.unblocked, (state, { userId }): FriendsState => {
      const next = endBusy(state, userId);
      return { ...next, blocked: usersAdapter.removeOne(userId, next.blocked) };
    }),
    on(FriendsApiActions.actionFailed, (state, { userId, requestId, error }): FriendsState => {
      const next = { ...endBusy(state, userId), actionError: { ...error, userId } };
      // The request was answered or withdrawn elsewhere: it is gone, whatever this screen still showed.
      return requestId && (error.status === 404 || error.status === 409) ? dropRequest(next, requestId) : next;
    }),
    on(FriendsPanelActions.errorDismissed, (state): FriendsState => ({ ...state, actionError: null })),
    on(FriendsApiActions.directoryModeLoaded, (state, { directMessages }): FriendsState => ({
      ...state,
      directMessages,
    })),

    on(
      AuthApiActions.signedOut,
      AuthApiActions.sessionExpired,
      AuthTabActions.signedOutElsewhere,
      (): FriendsState => initialFriendsState,
    ),
  ),
  extraSelectors: ({
    selectFriendsState,
    selectIncoming,
    selectOutgoing,
    selectBlocked,
    selectEntities,
    selectBusy,
    selectDirectMessages,
  }) => {
    const selectAllFriends = createSelector(selectFriendsState, friendsAdapter.getSelectors().selectAll);
    const selectIncomingRequests = createSelector(selectIncoming, selectAllRequests);
    const selectOutgoingRequests = createSelector(selectOutgoing, selectAllRequests);
    /** A lookup from user id to relationship, rebuilt only when one of the lists changes. */
    const selectRelationshipOf = createSelector(
      selectEntities,
      selectIncomingRequests,
      selectOutgoingRequests,
      selectBlocked,
      (friends, incoming, outgoing, blocked) => {
        const incomingIds = new Set(incoming.map((request) => request.user.id));
        const outgoingIds = new Set(outgoing.map((request) => request.user.id));
        return (userId: string): Relationship =>
          blocked.entities[userId]
            ? 'blocked'
            : friends[userId]
              ? 'friend'
              : incomingIds.has(userId)
                ? 'incoming'
                : outgoingIds.has(userId)
                  ? 'outgoing'
                  : 'none';
      },
    );
    return {
      selectAllFriends,
      /** Online first, then by name. */
      selectSortedFriends: createSelector(selectAllFriends, (friends) => [...friends].sort(byPresenceThenName)),
      selectIncomingRequests,
      selectOutgoingRequests,
      selectPendingIncomingCount: createSelector(selectIncoming, (incoming) => incoming.ids.length),
      selectBlockedUsers: createSelector(selectBlocked, usersAdapter.getSelectors().selectAll),
      selectBlockedIds: createSelector(selectBlocked, (blocked) => blocked.ids),
      selectRelationshipOf,
      /**
       * Whether to offer "Message" for someone: a friend, or (DIRECT_MESSAGES=everyone) anyone I have not blocked.
       * The server still decides (they may have blocked me).
       */
      selectMayMessageOf: createSelector(
        selectRelationshipOf,
        selectDirectMessages,
        (relationshipOf, directMessages) => (userId: string) => {
          const relationship = relationshipOf(userId);
          return relationship === 'friend' || (directMessages === 'everyone' && relationship !== 'blocked');
        },
      ),
      selectIsBusy: createSelector(selectBusy, (busy) => (userId: string) => busy.includes(userId)),
    };
  },
});

export const selectFriendById = (userId: string) =>
  createSelector(friendsFeature.selectEntities, (friends) => friends[userId] ?? null);

/** False for anyone who is not a friend: presence is shared between friends only. */
export const selectIsOnline = (userId: string) =>
  createSelector(friendsFeature.selectEntities, (friends) => friends[userId]?.online ?? false);

export const selectRelationship = (userId: string) =>
  createSelector(friendsFeature.selectRelationshipOf, (relationshipOf) => relationshipOf(userId));

/** The pending request between me and this person, either way, if any. */
export const selectPendingRequestWith = (userId: string) =>
  createSelector(
    friendsFeature.selectIncomingRequests,
    friendsFeature.selectOutgoingRequests,
    (incoming, outgoing) => [...incoming, ...outgoing].find((request) => request.user.id === userId) ?? null,
  );

export function byPresenceThenName(a: FriendView, b: FriendView): number {
  if (a.online !== b.online) return a.online ? -1 : 1;
  return (
    a.displayName.localeCompare(b.displayName, undefined, { sensitivity: 'base' }) ||
    a.username.localeCompare(b.username)
  );
}
