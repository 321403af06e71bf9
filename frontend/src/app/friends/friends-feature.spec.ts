import type { FriendView } from '@contracts/friends';
import type { Action } from '@ngrx/store';

import type { ApiError } from '../core/api/api-error';
import { AuthApiActions, AuthTabActions } from '../core/auth/auth-actions';
import { buildFriend, buildPublicUser, buildRequest } from '../testing/friends-builders';
import { FriendsApiActions, FriendsPanelActions, FriendsSocketActions } from './friends-actions';
import {
  friendsFeature,
  type FriendsState,
  initialFriendsState,
  selectFriendById,
  selectIsOnline,
  selectPendingRequestWith,
  selectRelationship,
} from './friends-feature';

const { reducer } = friendsFeature;
const reduce = (state: FriendsState, ...actions: Action[]) => actions.reduce(reducer, state);
const root = (state: FriendsState) => ({ [friendsFeature.name]: state });

const ada = buildFriend({ displayName: 'Ada Lovelace', online: true });
const grace = buildFriend({ displayName: 'Grace Hopper', online: false, lastSeenAt: '2026-01-01T09:00:00.000Z' });
const alan = buildFriend({ displayName: 'alan Turing', online: false });

function loaded(overrides: Partial<Parameters<typeof FriendsApiActions.loadSucceeded>[0]> = {}): FriendsState {
  return reducer(
    initialFriendsState,
    FriendsApiActions.loadSucceeded({ friends: [ada, grace], incoming: [], outgoing: [], blocked: [], ...overrides }),
  );
}

const friendsOf = (state: FriendsState) => friendsFeature.selectAllFriends(root(state));
const incomingOf = (state: FriendsState) => friendsFeature.selectIncomingRequests(root(state));
const outgoingOf = (state: FriendsState) => friendsFeature.selectOutgoingRequests(root(state));
const conflict: ApiError = { status: 409, code: 'request_not_pending', message: 'Already accepted', fieldErrors: {} };

describe('friends reducer', () => {
  it('starts empty and not loaded', () => {
    const state = reducer(undefined, { type: '@@init' });
    expect(state.loaded).toBe(false);
    expect([friendsOf(state), incomingOf(state), outgoingOf(state)]).toEqual([[], [], []]);
  });

  it('replaces every list on load (a reconnect refreshes everything)', () => {
    const stale = loaded({ incoming: [buildRequest('incoming')] });
    const incoming = buildRequest('incoming');
    const outgoing = buildRequest('outgoing');
    const blocked = buildPublicUser();
    const state = reducer(
      stale,
      FriendsApiActions.loadSucceeded({
        friends: [alan],
        incoming: [incoming],
        outgoing: [outgoing],
        blocked: [blocked],
      }),
    );
    expect(state.loaded).toBe(true);
    expect(friendsOf(state)).toEqual([alan]);
    expect(incomingOf(state)).toEqual([incoming]);
    expect(outgoingOf(state)).toEqual([outgoing]);
    expect(friendsFeature.selectBlockedIds(root(state))).toEqual([blocked.id]);
  });

  it('keeps the lists when a load fails, with the error', () => {
    const error: ApiError = { status: 0, code: null, message: 'offline', fieldErrors: {} };
    const state = reducer(loaded(), FriendsApiActions.loadFailed({ error }));
    expect(state.loadError).toEqual(error);
    expect(friendsOf(state)).toHaveLength(2);
  });

  describe('presence', () => {
    it('takes who is online from the snapshot, keeping lastSeenAt', () => {
      const state = reducer(
        loaded(),
        FriendsSocketActions.presenceSnapshotReceived({ online: [grace.id, 'stranger'] }),
      );
      expect(state.entities[ada.id]).toMatchObject({ online: false, lastSeenAt: ada.lastSeenAt });
      expect(state.entities[grace.id]).toMatchObject({ online: true, lastSeenAt: grace.lastSeenAt });
      expect(state.entities['stranger']).toBeUndefined();
    });

    it('returns the same state when the snapshot changes nothing', () => {
      const before = loaded();
      expect(reducer(before, FriendsSocketActions.presenceSnapshotReceived({ online: [ada.id] }))).toBe(before);
    });

    it('marks a friend offline with when they were last seen, and online again', () => {
      const lastSeenAt = '2026-03-01T12:00:00.000Z';
      let state = reducer(
        loaded(),
        FriendsSocketActions.presenceUpdated({ userId: ada.id, online: false, lastSeenAt }),
      );
      expect(state.entities[ada.id]).toMatchObject({ online: false, lastSeenAt });
      expect(selectIsOnline(ada.id)(root(state))).toBe(false);

      state = reducer(state, FriendsSocketActions.presenceUpdated({ userId: ada.id, online: true }));
      expect(state.entities[ada.id]).toMatchObject({ online: true, lastSeenAt });
      expect(selectIsOnline(ada.id)(root(state))).toBe(true);
    });

    it('ignores presence of someone who is not a friend', () => {
      const before = loaded();
      expect(reducer(before, FriendsSocketActions.presenceUpdated({ userId: 'stranger', online: true }))).toBe(before);
      expect(selectIsOnline('stranger')(root(before))).toBe(false);
    });

    it('sorts online friends first, then by name regardless of case', () => {
      const state = loaded({ friends: [grace, alan, ada] });
      expect(friendsFeature.selectSortedFriends(root(state)).map((f) => f.displayName)).toEqual([
        'Ada Lovelace',
        'alan Turing',
        'Grace Hopper',
      ]);
      const graceOnline = reducer(state, FriendsSocketActions.presenceUpdated({ userId: grace.id, online: true }));
      expect(friendsFeature.selectSortedFriends(root(graceOnline)).map((f) => f.displayName)).toEqual([
        'Ada Lovelace',
        'Grace Hopper',
        'alan Turing',
      ]);
    });
  });

  describe('request lifecycle', () => {
    it('files a received request as incoming when the other person sent it, else as outgoing', () => {
      const incoming = buildRequest('incoming');
      const outgoing = buildRequest('outgoing');
      const state = reduce(
        loaded(),
        FriendsSocketActions.requestReceived({ request: incoming }),
        FriendsSocketActions.requestReceived({ request: outgoing }),
        FriendsSocketActions.requestReceived({ request: incoming }),
      );
      expect(incomingOf(state)).toEqual([incoming]);
      expect(outgoingOf(state)).toEqual([outgoing]);
      expect(friendsFeature.selectPendingIncomingCount(root(state))).toBe(1);
      expect(selectRelationship(incoming.user.id)(root(state))).toBe('incoming');
      expect(selectRelationship(outgoing.user.id)(root(state))).toBe('outgoing');
      expect(selectPendingRequestWith(incoming.user.id)(root(state))).toEqual(incoming);
    });

    it('ignores a received request that is no longer pending', () => {
      const before = loaded();
      const request = { ...buildRequest('incoming'), status: 'cancelled' as const };
      expect(reducer(before, FriendsSocketActions.requestReceived({ request }))).toBe(before);
    });

    it.each(['accepted', 'declined', 'cancelled'] as const)('drops a request updated to %s', (status) => {
      const incoming = buildRequest('incoming');
      const outgoing = buildRequest('outgoing');
      let state = loaded({ incoming: [incoming], outgoing: [outgoing] });
      state = reduce(
        state,
        FriendsSocketActions.requestUpdated({ id: incoming.id, status }),
        FriendsSocketActions.requestUpdated({ id: outgoing.id, status }),
      );
      expect(incomingOf(state)).toEqual([]);
      expect(outgoingOf(state)).toEqual([]);
      expect(friendsFeature.selectPendingIncomingCount(root(state))).toBe(0);
    });

    it('keeps a request updated to pending', () => {
      const incoming = buildRequest('incoming');
      const state = reducer(
        loaded({ incoming: [incoming] }),
        FriendsSocketActions.requestUpdated({ id: incoming.id, status: 'pending' }),
      );
      expect(incomingOf(state)).toEqual([incoming]);
    });

    it('sending: busy, then the pending request is outgoing', () => {
      const user = buildPublicUser();
      let state = reducer(loaded(), FriendsPanelActions.addFriendClicked({ userId: user.id }));
      expect(friendsFeature.selectIsBusy(root(state))(user.id)).toBe(true);

      const request = buildRequest('outgoing', { user });
      state = reducer(state, FriendsApiActions.requestSent({ request }));
      expect(friendsFeature.selectIsBusy(root(state))(user.id)).toBe(false);
      expect(outgoingOf(state)).toEqual([request]);
      expect(selectRelationship(user.id)(root(state))).toBe('outgoing');
    });

    it('sending to someone who had asked me accepts theirs: we are friends at once', () => {
      const theirs = buildRequest('incoming');
      const state = reduce(
        loaded({ incoming: [theirs] }),
        FriendsPanelActions.addFriendClicked({ userId: theirs.user.id }),
        FriendsApiActions.requestSent({ request: { ...theirs, status: 'accepted' } }),
      );
      expect(incomingOf(state)).toEqual([]);
      expect(outgoingOf(state)).toEqual([]);
      expect(selectRelationship(theirs.user.id)(root(state))).toBe('friend');
    });

    it('accepting makes a friend from the response, and friend:added then brings their presence', () => {
      const request = buildRequest('incoming');
      let state = reduce(
        loaded({ incoming: [request] }),
        FriendsPanelActions.acceptClicked({ request }),
        FriendsApiActions.requestClosed({ request: { ...request, status: 'accepted' } }),
      );
      expect(incomingOf(state)).toEqual([]);
      expect(selectFriendById(request.user.id)(root(state))).toMatchObject({ id: request.user.id, online: false });
      expect(friendsFeature.selectIsBusy(root(state))(request.user.id)).toBe(false);

      const friend = buildFriend({ ...request.user, online: true, lastSeenAt: null });
      state = reducer(state, FriendsSocketActions.friendAdded({ user: friend }));
      expect(selectFriendById(friend.id)(root(state))).toEqual(friend);
      expect(friendsOf(state)).toHaveLength(3);
    });

    it('an accept answer arriving after friend:added does not overwrite the presence it brought', () => {
      const request = buildRequest('incoming');
      const friend = buildFriend({ ...request.user, online: true });
      const state = reduce(
        loaded({ incoming: [request] }),
        FriendsSocketActions.friendAdded({ user: friend }),
        FriendsApiActions.requestClosed({ request: { ...request, status: 'accepted' } }),
      );
      expect(selectFriendById(friend.id)(root(state))).toEqual(friend);
      expect(incomingOf(state)).toEqual([]);
    });

    it('declining and cancelling drop the request and make no friend', () => {
      const incoming = buildRequest('incoming');
      const outgoing = buildRequest('outgoing');
      const state = reduce(
        loaded({ incoming: [incoming], outgoing: [outgoing] }),
        FriendsApiActions.requestClosed({ request: { ...incoming, status: 'declined' } }),
        FriendsApiActions.requestClosed({ request: { ...outgoing, status: 'cancelled' } }),
      );
      expect(incomingOf(state)).toEqual([]);
      expect(outgoingOf(state)).toEqual([]);
      expect(friendsOf(state)).toHaveLength(2);
    });

    it('friend:added also clears a pending request with that person', () => {
      const outgoing = buildRequest('outgoing');
      const state = reducer(
        loaded({ outgoing: [outgoing] }),
        FriendsSocketActions.friendAdded({ user: buildFriend({ ...outgoing.user }) }),
      );
      expect(outgoingOf(state)).toEqual([]);
      expect(selectRelationship(outgoing.user.id)(root(state))).toBe('friend');
    });

    it('a failed answer shows the error, and drops a request that is no longer pending', () => {
      const request = buildRequest('incoming');
      const state = reduce(
        loaded({ incoming: [request] }),
        FriendsPanelActions.acceptClicked({ request }),
        FriendsApiActions.actionFailed({ userId: request.user.id, requestId: request.id, error: conflict }),
      );
      expect(incomingOf(state)).toEqual([]);
      expect(state.actionError).toEqual({ ...conflict, userId: request.user.id });
      expect(friendsFeature.selectIsBusy(root(state))(request.user.id)).toBe(false);
      expect(reducer(state, FriendsPanelActions.errorDismissed()).actionError).toBeNull();
    });

    it('a failed answer for a network error keeps the request, to try again', () => {
      const request = buildRequest('incoming');
      const offline: ApiError = { status: 0, code: null, message: 'offline', fieldErrors: {} };
      const state = reducer(
        loaded({ incoming: [request] }),
        FriendsApiActions.actionFailed({ userId: request.user.id, requestId: request.id, error: offline }),
      );
      expect(incomingOf(state)).toEqual([request]);
    });
  });

  describe('unfriend and block', () => {
    it('friend:removed and unfriending remove the friend', () => {
      let state = reducer(loaded(), FriendsSocketActions.friendRemoved({ userId: ada.id }));
      expect(friendsOf(state).map((f) => f.id)).toEqual([grace.id]);
      state = reduce(
        state,
        FriendsPanelActions.unfriendConfirmed({ userId: grace.id }),
        FriendsApiActions.unfriended({ userId: grace.id }),
      );
      expect(friendsOf(state)).toEqual([]);
      expect(state.busy).toEqual([]);
    });

    it('blocking removes the friend and their requests, and lists them as blocked until unblocked', () => {
      const request = buildRequest('incoming', { user: buildPublicUser({ id: ada.id }) });
      const adaPublic = buildPublicUser({ id: ada.id, displayName: ada.displayName });
      let state = reduce(
        loaded({ incoming: [request] }),
        FriendsPanelActions.blockConfirmed({ user: adaPublic }),
        FriendsApiActions.blocked({ user: adaPublic }),
      );
      expect(selectFriendById(ada.id)(root(state))).toBeNull();
      expect(incomingOf(state)).toEqual([]);
      expect(friendsFeature.selectBlockedUsers(root(state))).toEqual([adaPublic]);
      expect(selectRelationship(ada.id)(root(state))).toBe('blocked');

      state = reduce(
        state,
        FriendsPanelActions.unblockClicked({ userId: ada.id }),
        FriendsApiActions.unblocked({ userId: ada.id }),
      );
      expect(friendsFeature.selectBlockedIds(root(state))).toEqual([]);
      expect(selectRelationship(ada.id)(root(state))).toBe('none');
    });
  });

  describe('search', () => {
    const users = [buildPublicUser(), buildPublicUser()];

    it('keeps results for the query they answer, and drops answers to older queries', () => {
      let state = reducer(initialFriendsState, FriendsPanelActions.searchChanged({ query: '  ad ' }));
      expect(state.search).toMatchObject({ query: 'ad', loading: true });

      state = reducer(state, FriendsApiActions.searchSucceeded({ query: 'a', users, nextCursor: null, append: false }));
      expect(state.search.results).toEqual([]);

      state = reducer(
        state,
        FriendsApiActions.searchSucceeded({ query: 'ad', users, nextCursor: 'c1', append: false }),
      );
      expect(state.search).toMatchObject({ query: 'ad', results: users, nextCursor: 'c1', loading: false });
    });

    it('appends the next page', () => {
      const more = [buildPublicUser()];
      const state = reduce(
        initialFriendsState,
        FriendsPanelActions.searchChanged({ query: 'ad' }),
        FriendsApiActions.searchSucceeded({ query: 'ad', users, nextCursor: 'c1', append: false }),
        FriendsPanelActions.moreResultsRequested(),
        FriendsApiActions.searchSucceeded({ query: 'ad', users: more, nextCursor: null, append: true }),
      );
      expect(state.search.results).toEqual([...users, ...more]);
      expect(state.search.nextCursor).toBeNull();
    });

    it('clears the results when the box is emptied, and ignores the same query with spaces', () => {
      const searched = reduce(
        initialFriendsState,
        FriendsPanelActions.searchChanged({ query: 'ad' }),
        FriendsApiActions.searchSucceeded({ query: 'ad', users, nextCursor: null, append: false }),
      );
      expect(reducer(searched, FriendsPanelActions.searchChanged({ query: 'ad ' }))).toBe(searched);
      expect(reducer(searched, FriendsPanelActions.searchChanged({ query: ' ' })).search).toEqual(
        initialFriendsState.search,
      );
    });

    it('shows a search error', () => {
      const error: ApiError = { status: 500, code: null, message: 'Something went wrong', fieldErrors: {} };
      const state = reduce(
        initialFriendsState,
        FriendsPanelActions.searchChanged({ query: 'ad' }),
        FriendsApiActions.searchFailed({ query: 'ad', error }),
      );
      expect(state.search).toMatchObject({ loading: false, error });
    });
  });

  it.each([
    ['signed out', AuthApiActions.signedOut()],
    ['session expired', AuthApiActions.sessionExpired()],
    ['signed out in another tab', AuthTabActions.signedOutElsewhere()],
  ])('forgets everything when %s', (_name, action) => {
    const state = reduce(
      loaded({ incoming: [buildRequest('incoming')] }),
      FriendsPanelActions.searchChanged({ query: 'ad' }),
      action,
    );
    expect(state).toEqual(initialFriendsState);
  });
});

describe('friend selectors', () => {
  describe('selectMayMessageOf', () => {
    const stranger = buildPublicUser();
    const mallory = buildPublicUser();
    const asking = buildRequest('incoming');
    const withMode = (...actions: Action[]) =>
      friendsFeature.selectMayMessageOf(root(reduce(loaded({ blocked: [mallory], incoming: [asking] }), ...actions)));

    it('offers "Message" to friends only until the server says DIRECT_MESSAGES=everyone', () => {
      for (const mayMessage of [
        withMode(),
        withMode(FriendsApiActions.directoryModeLoaded({ directMessages: 'friends' })),
      ]) {
        expect([ada.id, stranger.id, asking.user.id, mallory.id].map(mayMessage)).toEqual([true, false, false, false]);
      }
    });

    it('offers it to anyone but people I blocked with DIRECT_MESSAGES=everyone', () => {
      const mayMessage = withMode(FriendsApiActions.directoryModeLoaded({ directMessages: 'everyone' }));
      expect([ada.id, stranger.id, asking.user.id, mallory.id].map(mayMessage)).toEqual([true, true, true, false]);
    });

    it('forgets the mode on sign-out (it is read again at the next sign-in)', () => {
      const state = reduce(
        loaded(),
        FriendsApiActions.directoryModeLoaded({ directMessages: 'everyone' }),
        AuthApiActions.signedOut(),
      );
      expect(state.directMessages).toBeNull();
    });
  });

  it('finds a friend by id, or null', () => {
    const state = root(loaded());
    expect(selectFriendById(ada.id)(state)).toEqual(ada as FriendView);
    expect(selectFriendById('nobody')(state)).toBeNull();
  });
});
