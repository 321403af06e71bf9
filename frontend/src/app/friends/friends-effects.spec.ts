import { HttpErrorResponse } from '@angular/common/http';
import type { AuthProviders } from '@contracts/auth';
import { ServerEvent } from '@contracts/socket-events';
import type { Actions } from '@ngrx/effects';
import type { Action, Store } from '@ngrx/store';
import { Observable, of, Subject, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';

import type { AuthApi } from '../core/api/auth-api';
import { AuthApiActions, AuthTabActions } from '../core/auth/auth-actions';
import type { RealtimeSocket } from '../core/socket/realtime-socket';
import { SocketActions } from '../core/socket/socket-actions';
import { buildAuthResponse, buildErrorBody } from '../testing/builders';
import { buildFriend, buildPublicUser, buildRequest } from '../testing/friends-builders';
import { FriendsApiActions, FriendsPanelActions, FriendsSocketActions } from './friends-actions';
import type { FriendsApi } from './friends-api';
import * as effects from './friends-effects';
import { type FriendsSearchState, initialFriendsState } from './friends-feature';

type FakeApi = { [K in keyof FriendsApi]: jest.Mock };

const OPEN_PROVIDERS: AuthProviders = {
  password: true,
  signup: 'open',
  signupDomains: [],
  oidc: null,
  directMessages: 'friends',
};

function fakeApi(overrides: Partial<FakeApi> = {}): FriendsApi & FakeApi {
  return {
    listFriends: jest.fn(() => of([])),
    listRequests: jest.fn(() => of([])),
    listBlocked: jest.fn(() => of([])),
    search: jest.fn(() => of({ items: [], nextCursor: null })),
    sendRequest: jest.fn(),
    accept: jest.fn(),
    decline: jest.fn(),
    cancel: jest.fn(),
    unfriend: jest.fn(() => of(undefined)),
    block: jest.fn(() => of(undefined)),
    unblock: jest.fn(() => of(undefined)),
    ...overrides,
  } as unknown as FriendsApi & FakeApi;
}

/** A socket whose server events the test emits by name. */
function fakeSocket() {
  const events = new Map<string, Subject<unknown>>();
  const subject = (event: string) => events.get(event) ?? events.set(event, new Subject()).get(event)!;
  const socket = { on: (event: string) => subject(event).asObservable() } as unknown as RealtimeSocket;
  return { socket, emit: (event: string, payload: unknown) => subject(event).next(payload) };
}

function collect(effect$: Observable<unknown>): unknown[] {
  const out: unknown[] = [];
  effect$.subscribe((value) => out.push(value));
  return out;
}

const httpError = (status: number, code?: string) =>
  new HttpErrorResponse({ status, error: buildErrorBody(status, { message: `failed ${status}`, code }) });

describe('friends effects', () => {
  describe('loadFriends$', () => {
    const friend = buildFriend();
    const incoming = buildRequest('incoming');
    const outgoing = buildRequest('outgoing');
    const blocked = buildPublicUser();
    const api = () =>
      fakeApi({
        listFriends: jest.fn(() => of([friend])),
        listRequests: jest.fn((direction: string) => of(direction === 'incoming' ? [incoming] : [outgoing])),
        listBlocked: jest.fn(() => of([blocked])),
      });

    it.each([
      ['the socket connects', SocketActions.connected()],
      ['the person retries', FriendsPanelActions.retryClicked()],
    ])('loads friends, requests both ways and blocks when %s', (_when, action) => {
      const friendsApi = api();
      const out = collect(effects.loadFriends$(of(action) as Actions, friendsApi));
      expect(friendsApi.listRequests).toHaveBeenCalledWith('incoming');
      expect(friendsApi.listRequests).toHaveBeenCalledWith('outgoing');
      expect(out).toEqual([
        FriendsApiActions.loadSucceeded({
          friends: [friend],
          incoming: [incoming],
          outgoing: [outgoing],
          blocked: [blocked],
        }),
      ]);
    });

    it.each([
      ['logging in', AuthApiActions.loginSucceeded({ response: {} as never })],
      ['signing up', AuthApiActions.signupSucceeded({ response: {} as never })],
    ])('loads once on %s, when the socket connects, and never cancels that load', (_when, signIn) => {
      const actions$ = new Subject<Action>();
      let cancelled = 0;
      const friends$ = new Subject<never[]>();
      const friendsApi = api();
      friendsApi.listFriends.mockReturnValue(
        new Observable<never[]>((subscriber) => {
          friends$.subscribe(subscriber);
          return () => cancelled++;
        }),
      );
      const out = collect(effects.loadFriends$(actions$ as Actions, friendsApi));
      actions$.next(signIn);
      actions$.next(SocketActions.connected());
      // Still waiting for the answer: a load torn down now was cancelled (the browser's ERR_ABORTED).
      expect(cancelled).toBe(0);
      friends$.next([]);
      friends$.complete();
      expect(friendsApi.listFriends).toHaveBeenCalledTimes(1);
      expect(out).toEqual([expect.objectContaining({ type: FriendsApiActions.loadSucceeded.type })]);
    });

    it('loads again on every reconnect (missed events are never replayed)', () => {
      const actions$ = new Subject<Action>();
      const friendsApi = api();
      const out = collect(effects.loadFriends$(actions$ as Actions, friendsApi));
      actions$.next(SocketActions.connected());
      actions$.next(SocketActions.disconnected());
      actions$.next(SocketActions.connected());
      expect(friendsApi.listFriends).toHaveBeenCalledTimes(2);
      expect(out).toHaveLength(2);
    });

    it('reports a failed load and keeps listening', () => {
      const actions$ = new Subject<Action>();
      const friendsApi = api();
      friendsApi.listBlocked.mockReturnValueOnce(throwError(() => httpError(500)));
      const out = collect(effects.loadFriends$(actions$ as Actions, friendsApi));
      actions$.next(SocketActions.connected());
      actions$.next(SocketActions.connected());
      expect(out[0]).toEqual(
        FriendsApiActions.loadFailed({
          error: { status: 500, code: null, message: 'failed 500', fieldErrors: {} },
        }),
      );
      expect(out[1]).toMatchObject({ type: FriendsApiActions.loadSucceeded.type });
    });

    it.each([
      ['signing out', AuthApiActions.signedOut()],
      ['an expired session', AuthApiActions.sessionExpired()],
      ['signing out in another tab', AuthTabActions.signedOutElsewhere()],
    ])('drops a load still in flight on %s', (_name, signOut) => {
      const actions$ = new Subject<Action>();
      const friends$ = new Subject<never[]>();
      const friendsApi = fakeApi({ listFriends: jest.fn(() => friends$) });
      const out = collect(effects.loadFriends$(actions$ as Actions, friendsApi));
      actions$.next(SocketActions.connected());
      actions$.next(signOut);
      friends$.next([]);
      friends$.complete();
      expect(out).toEqual([]);
    });
  });

  describe('server events', () => {
    const request = buildRequest('incoming');
    const friend = buildFriend();
    it.each([
      [
        'presence:snapshot',
        effects.presenceSnapshot$,
        ServerEvent.PresenceSnapshot,
        { online: ['a', 'b'] },
        FriendsSocketActions.presenceSnapshotReceived({ online: ['a', 'b'] }),
      ],
      [
        'presence:update (offline)',
        effects.presenceUpdate$,
        ServerEvent.PresenceUpdate,
        { userId: 'a', online: false, lastSeenAt: '2026-01-01T00:00:00.000Z' },
        FriendsSocketActions.presenceUpdated({ userId: 'a', online: false, lastSeenAt: '2026-01-01T00:00:00.000Z' }),
      ],
      [
        'presence:update (online)',
        effects.presenceUpdate$,
        ServerEvent.PresenceUpdate,
        { userId: 'a', online: true },
        FriendsSocketActions.presenceUpdated({ userId: 'a', online: true }),
      ],
      [
        'friend:request',
        effects.friendRequest$,
        ServerEvent.FriendRequest,
        { request },
        FriendsSocketActions.requestReceived({ request }),
      ],
      [
        'friend:request:update',
        effects.friendRequestUpdate$,
        ServerEvent.FriendRequestUpdate,
        { id: request.id, status: 'accepted' },
        FriendsSocketActions.requestUpdated({ id: request.id, status: 'accepted' }),
      ],
      [
        'friend:added',
        effects.friendAdded$,
        ServerEvent.FriendAdded,
        { user: friend },
        FriendsSocketActions.friendAdded({ user: friend }),
      ],
      [
        'friend:removed',
        effects.friendRemoved$,
        ServerEvent.FriendRemoved,
        { userId: friend.id },
        FriendsSocketActions.friendRemoved({ userId: friend.id }),
      ],
    ])('maps %s to an action', (_name, effect, event, payload, expected) => {
      const { socket, emit } = fakeSocket();
      const out = collect((effect as (socket: RealtimeSocket) => Observable<Action>)(socket));
      emit('some:other:event', payload);
      expect(out).toEqual([]);
      emit(event, payload);
      emit(event, payload);
      expect(out).toEqual([expected, expected]);
    });

    it('listens to each event name the server sends', () => {
      expect(ServerEvent).toMatchObject({
        PresenceSnapshot: 'presence:snapshot',
        PresenceUpdate: 'presence:update',
        FriendRequest: 'friend:request',
        FriendRequestUpdate: 'friend:request:update',
        FriendAdded: 'friend:added',
        FriendRemoved: 'friend:removed',
      });
    });
  });

  describe('search$', () => {
    const users = [buildPublicUser()];
    let scheduler: TestScheduler;
    beforeEach(() => (scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))));

    it('waits for a pause in typing, asks once, and drops answers to queries typed over', () => {
      scheduler.run(({ hot, cold, expectObservable }) => {
        const changed = (query: string) => FriendsPanelActions.searchChanged({ query });
        // "a", "ad" quickly: one search for "ad"; then " ada " after a pause while that one is still in flight.
        const actions$ = hot('a 50ms b 349ms c', { a: changed('a'), b: changed('ad'), c: changed(' ada ') });
        const api = fakeApi({
          search: jest.fn((query: string) =>
            cold('500ms r|', { r: { items: query === 'ad' ? [] : users, nextCursor: null } }),
          ),
        });
        expectObservable(effects.search$(actions$ as unknown as Actions, api)).toBe('1201ms r', {
          r: FriendsApiActions.searchSucceeded({ query: 'ada', users, nextCursor: null, append: false }),
        });
        scheduler.flush();
        expect(api.search.mock.calls).toEqual([['ad'], ['ada']]);
      });
    });

    it('asks nothing for an empty box', () => {
      scheduler.run(({ hot, expectObservable }) => {
        const actions$ = hot('a', { a: FriendsPanelActions.searchChanged({ query: '   ' }) });
        const api = fakeApi();
        expectObservable(effects.search$(actions$ as unknown as Actions, api)).toBe('');
        scheduler.flush();
        expect(api.search).not.toHaveBeenCalled();
      });
    });

    it('reports a failed search for its query', () => {
      scheduler.run(({ hot, expectObservable }) => {
        const actions$ = hot('a', { a: FriendsPanelActions.searchChanged({ query: 'ad' }) });
        const api = fakeApi({ search: jest.fn(() => throwError(() => httpError(500))) });
        expectObservable(effects.search$(actions$ as unknown as Actions, api)).toBe('300ms r', {
          r: FriendsApiActions.searchFailed({
            query: 'ad',
            error: { status: 500, code: null, message: 'failed 500', fieldErrors: {} },
          }),
        });
      });
    });
  });

  describe('loadDirectoryMode$', () => {
    const storeKnowing = (directMessages: 'friends' | 'everyone' | null) =>
      ({ select: () => of(directMessages) }) as unknown as Store;
    const authApi = (providers: Observable<unknown>) =>
      ({ providers: jest.fn(() => providers) }) as unknown as AuthApi & { providers: jest.Mock };
    const signedIn = AuthApiActions.loginSucceeded({ response: buildAuthResponse() });

    it.each([
      ['signing in', signedIn],
      ['a restored session', AuthApiActions.sessionRefreshed({ response: buildAuthResponse() })],
    ])('reads DIRECT_MESSAGES from the providers after %s', (_when, action) => {
      const api = authApi(of({ ...OPEN_PROVIDERS, directMessages: 'everyone' }));
      const out = collect(effects.loadDirectoryMode$(of(action) as Actions, storeKnowing(null), api));
      expect(out).toEqual([FriendsApiActions.directoryModeLoaded({ directMessages: 'everyone' })]);
    });

    it('reads it once: not again at every token refresh', () => {
      const api = authApi(of(OPEN_PROVIDERS));
      const out = collect(effects.loadDirectoryMode$(of(signedIn) as Actions, storeKnowing('friends'), api));
      expect(api.providers).not.toHaveBeenCalled();
      expect(out).toEqual([]);
    });

    it('keeps friends-only buttons when the providers cannot be read', () => {
      const api = authApi(throwError(() => httpError(503)));
      expect(collect(effects.loadDirectoryMode$(of(signedIn) as Actions, storeKnowing(null), api))).toEqual([]);
    });
  });

  describe('searchMore$', () => {
    const storeWith = (search: Partial<FriendsSearchState>) =>
      ({ select: () => of({ ...initialFriendsState.search, ...search }) }) as unknown as Store;

    it('fetches the next page of the current query', () => {
      const users = [buildPublicUser()];
      const api = fakeApi({ search: jest.fn(() => of({ items: users, nextCursor: null })) });
      const out = collect(
        effects.searchMore$(
          of(FriendsPanelActions.moreResultsRequested()) as Actions,
          storeWith({ query: 'ad', nextCursor: 'c1' }),
          api,
        ),
      );
      expect(api.search).toHaveBeenCalledWith('ad', 'c1');
      expect(out).toEqual([FriendsApiActions.searchSucceeded({ query: 'ad', users, nextCursor: null, append: true })]);
    });

    it('does nothing at the last page', () => {
      const api = fakeApi();
      collect(
        effects.searchMore$(of(FriendsPanelActions.moreResultsRequested()) as Actions, storeWith({ query: 'ad' }), api),
      );
      expect(api.search).not.toHaveBeenCalled();
    });
  });

  describe('actions on people', () => {
    const user = buildPublicUser();
    const request = buildRequest('incoming', { user });

    it('sends a request and reports the one the server returns', () => {
      const sent = buildRequest('outgoing', { user });
      const api = fakeApi({ sendRequest: jest.fn(() => of(sent)) });
      const out = collect(
        effects.sendRequest$(of(FriendsPanelActions.addFriendClicked({ userId: user.id })) as Actions, api),
      );
      expect(api.sendRequest).toHaveBeenCalledWith(user.id);
      expect(out).toEqual([FriendsApiActions.requestSent({ request: sent })]);
    });

    it('reports a refused request with the server reason, for that person', () => {
      const api = fakeApi({ sendRequest: jest.fn(() => throwError(() => httpError(409, 'user_blocked'))) });
      const out = collect(
        effects.sendRequest$(of(FriendsPanelActions.addFriendClicked({ userId: user.id })) as Actions, api),
      );
      expect(out).toEqual([
        FriendsApiActions.actionFailed({
          userId: user.id,
          error: {
            status: 409,
            code: 'user_blocked',
            message: 'You blocked this person; unblock them first.',
            fieldErrors: {},
          },
        }),
      ]);
    });

    it.each([
      ['accept', effects.acceptRequest$, FriendsPanelActions.acceptClicked, 'accepted'],
      ['decline', effects.declineRequest$, FriendsPanelActions.declineClicked, 'declined'],
      ['cancel', effects.cancelRequest$, FriendsPanelActions.cancelRequestClicked, 'cancelled'],
    ] as const)('%s: closes the request with the answer from the server', (method, effect, clicked, status) => {
      const closed = { ...request, status };
      const api = fakeApi({ [method]: jest.fn(() => of(closed)) });
      const out = collect(effect(of(clicked({ request })) as Actions, api));
      expect(api[method]).toHaveBeenCalledWith(request.id);
      expect(out).toEqual([FriendsApiActions.requestClosed({ request: closed })]);
    });

    it('a failed answer names the request, so a stale one can be dropped', () => {
      const api = fakeApi({ accept: jest.fn(() => throwError(() => httpError(409, 'request_not_pending'))) });
      const out = collect(effects.acceptRequest$(of(FriendsPanelActions.acceptClicked({ request })) as Actions, api));
      expect(out).toEqual([
        FriendsApiActions.actionFailed({
          userId: user.id,
          requestId: request.id,
          error: { status: 409, code: 'request_not_pending', message: 'failed 409', fieldErrors: {} },
        }),
      ]);
    });

    it('unfriends, blocks and unblocks', () => {
      const api = fakeApi();
      expect(
        collect(effects.unfriend$(of(FriendsPanelActions.unfriendConfirmed({ userId: user.id })) as Actions, api)),
      ).toEqual([FriendsApiActions.unfriended({ userId: user.id })]);
      expect(collect(effects.block$(of(FriendsPanelActions.blockConfirmed({ user })) as Actions, api))).toEqual([
        FriendsApiActions.blocked({ user }),
      ]);
      expect(
        collect(effects.unblock$(of(FriendsPanelActions.unblockClicked({ userId: user.id })) as Actions, api)),
      ).toEqual([FriendsApiActions.unblocked({ userId: user.id })]);
      expect(api.unfriend).toHaveBeenCalledWith(user.id);
      expect(api.block).toHaveBeenCalledWith(user.id);
      expect(api.unblock).toHaveBeenCalledWith(user.id);
    });

    it('keeps working after a failure', () => {
      const actions$ = new Subject<Action>();
      const api = fakeApi({
        block: jest
          .fn()
          .mockReturnValueOnce(throwError(() => httpError(404)))
          .mockReturnValue(of(undefined)),
      });
      const out = collect(effects.block$(actions$ as Actions, api));
      actions$.next(FriendsPanelActions.blockConfirmed({ user }));
      actions$.next(FriendsPanelActions.blockConfirmed({ user }));
      expect(out).toEqual([
        expect.objectContaining({ type: FriendsApiActions.actionFailed.type }),
        FriendsApiActions.blocked({ user }),
      ]);
    });
  });
});
