import { inject } from '@angular/core';
import type { FriendRequestView } from '@contracts/friends';
import {
  type FriendAddedPayload,
  type FriendRemovedPayload,
  type FriendRequestPayload,
  type FriendRequestUpdatePayload,
  type PresenceSnapshotPayload,
  type PresenceUpdatePayload,
  ServerEvent,
} from '@contracts/socket-events';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import {
  catchError,
  debounceTime,
  EMPTY,
  exhaustMap,
  filter,
  forkJoin,
  map,
  mergeMap,
  of,
  type OperatorFunction,
  switchMap,
  withLatestFrom,
} from 'rxjs';

import { toApiError } from '../core/api/api-error';
import { AuthApi } from '../core/api/auth-api';
import { AuthApiActions, AuthTabActions } from '../core/auth/auth-actions';
import { RealtimeSocket } from '../core/socket/realtime-socket';
import { SocketActions } from '../core/socket/socket-actions';
import { FriendsApiActions, FriendsPanelActions, FriendsSocketActions } from './friends-actions';
import { FriendsApi } from './friends-api';
import { friendsFeature } from './friends-feature';

/** Long enough to skip the keystrokes of a name being typed, short enough to feel live. */
const SEARCH_DEBOUNCE_MS = 300;

const signedOut = [AuthApiActions.signedOut, AuthApiActions.sessionExpired, AuthTabActions.signedOutElsewhere] as const;

/**
 * Friends, requests and blocks are fetched each time the socket connects: right after sign-in (the socket opens
 * then) and after every reconnect, since events missed while offline are never replayed. Not on sign-in itself: the
 * connect follows at once and would cancel that load (switchMap), and a load that starts once the socket is in its
 * room misses no event in between. switchMap: a newer load supersedes an older one, and signing out cancels it.
 */
export const loadFriends$ = createEffect(
  (actions$ = inject(Actions), api = inject(FriendsApi)) => {
    return actions$.pipe(
      ofType(SocketActions.connected, FriendsPanelActions.retryClicked, ...signedOut),
      switchMap((action) =>
        signedOut.some((creator) => creator.type === action.type)
          ? EMPTY
          : forkJoin({
              friends: api.listFriends(),
              incoming: api.listRequests('incoming'),
              outgoing: api.listRequests('outgoing'),
              blocked: api.listBlocked(),
            }).pipe(
              map((lists) => FriendsApiActions.loadSucceeded(lists)),
              catchError((error: unknown) => of(FriendsApiActions.loadFailed({ error: toApiError(error) }))),
            ),
      ),
    );
  },
  { functional: true },
);

/**
 * Whether people may message colleagues who are not their friends (DIRECT_MESSAGES), read once per sign-in: the
 * server's setting does not change while it runs. If it cannot be read, only friends are offered "Message" and the
 * next token refresh tries again. exhaustMap: sign-in and the first refresh may come together.
 */
export const loadDirectoryMode$ = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(AuthApi)) => {
    return actions$.pipe(
      ofType(
        AuthApiActions.loginSucceeded,
        AuthApiActions.signupSucceeded,
        AuthApiActions.invitationAccepted,
        AuthApiActions.sessionRefreshed,
      ),
      withLatestFrom(store.select(friendsFeature.selectDirectMessages)),
      filter(([, known]) => known === null),
      exhaustMap(() =>
        api.providers().pipe(
          map(({ directMessages }) => FriendsApiActions.directoryModeLoaded({ directMessages })),
          catchError(() => EMPTY),
        ),
      ),
    );
  },
  { functional: true },
);

// One effect per server event; the socket only exists while signed in (see socket-effects).
export const presenceSnapshot$ = createEffect(
  (socket = inject(RealtimeSocket)) => {
    return socket
      .on<PresenceSnapshotPayload>(ServerEvent.PresenceSnapshot)
      .pipe(
        map(({ online, away }) => FriendsSocketActions.presenceSnapshotReceived(away ? { online, away } : { online })),
      );
  },
  { functional: true },
);

export const presenceUpdate$ = createEffect(
  (socket = inject(RealtimeSocket)) => {
    return socket.on<PresenceUpdatePayload>(ServerEvent.PresenceUpdate).pipe(
      map(({ userId, online, lastSeenAt, away }) =>
        FriendsSocketActions.presenceUpdated({
          userId,
          online,
          ...(lastSeenAt === undefined ? {} : { lastSeenAt }),
          ...(away === undefined ? {} : { away }),
        }),
      ),
    );
  },
  { functional: true },
);

export const friendRequest$ = createEffect(
  (socket = inject(RealtimeSocket)) => {
    return socket
      .on<FriendRequestPayload>(ServerEvent.FriendRequest)
      .pipe(map(({ request }) => FriendsSocketActions.requestReceived({ request })));
  },
  { functional: true },
);

export const friendRequestUpdate$ = createEffect(
  (socket = inject(RealtimeSocket)) => {
    return socket
      .on<FriendRequestUpdatePayload>(ServerEvent.FriendRequestUpdate)
      .pipe(map(({ id, status }) => FriendsSocketActions.requestUpdated({ id, status })));
  },
  { functional: true },
);

export const friendAdded$ = createEffect(
  (socket = inject(RealtimeSocket)) => {
    return socket
      .on<FriendAddedPayload>(ServerEvent.FriendAdded)
      .pipe(map(({ user }) => FriendsSocketActions.friendAdded({ user })));
  },
  { functional: true },
);

export const friendRemoved$ = createEffect(
  (socket = inject(RealtimeSocket)) => {
    return socket
      .on<FriendRemovedPayload>(ServerEvent.FriendRemoved)
      .pipe(map(({ userId }) => FriendsSocketActions.friendRemoved({ userId })));
  },
  { functional: true },
);

/** Debounced while typing; switchMap drops the answer to a query that was typed over. An empty box asks nothing. */
export const search$ = createEffect(
  (actions$ = inject(Actions), api = inject(FriendsApi)) => {
    return actions$.pipe(
      ofType(FriendsPanelActions.searchChanged),
      debounceTime(SEARCH_DEBOUNCE_MS),
      map(({ query }) => query.trim()),
      switchMap((query) =>
        query
          ? api.search(query).pipe(
              map(({ items, nextCursor }) =>
                FriendsApiActions.searchSucceeded({ query, users: items, nextCursor, append: false }),
              ),
              catchError((error: unknown) => of(FriendsApiActions.searchFailed({ query, error: toApiError(error) }))),
            )
          : EMPTY,
      ),
    );
  },
  { functional: true },
);

// exhaustMap: "more" while a page is loading is ignored.
export const searchMore$ = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(FriendsApi)) => {
    return actions$.pipe(
      ofType(FriendsPanelActions.moreResultsRequested),
      withLatestFrom(store.select(friendsFeature.selectSearch)),
      filter(([, search]) => Boolean(search.query && search.nextCursor)),
      exhaustMap(([, { query, nextCursor }]) =>
        api.search(query, nextCursor).pipe(
          map(({ items, nextCursor: next }) =>
            FriendsApiActions.searchSucceeded({ query, users: items, nextCursor: next, append: true }),
          ),
          catchError((error: unknown) => of(FriendsApiActions.searchFailed({ query, error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

/** An action on a person failed: the reducer re-enables their buttons and shows why. */
function failedFor<T>(about: {
  userId: string;
  requestId?: string;
}): OperatorFunction<T, T | ReturnType<typeof FriendsApiActions.actionFailed>> {
  return catchError((error: unknown) => of(FriendsApiActions.actionFailed({ ...about, error: toApiError(error) })));
}

const aboutRequest = (request: FriendRequestView) => ({ userId: request.user.id, requestId: request.id });

// Actions on people use mergeMap: actions on different people are independent, and a person's buttons are disabled
// while one is in flight, so there is nothing to order or to drop.
export const sendRequest$ = createEffect(
  (actions$ = inject(Actions), api = inject(FriendsApi)) => {
    return actions$.pipe(
      ofType(FriendsPanelActions.addFriendClicked),
      mergeMap(({ userId }) =>
        api.sendRequest(userId).pipe(
          map((request) => FriendsApiActions.requestSent({ request })),
          failedFor({ userId }),
        ),
      ),
    );
  },
  { functional: true },
);

export const acceptRequest$ = createEffect(
  (actions$ = inject(Actions), api = inject(FriendsApi)) => {
    return actions$.pipe(
      ofType(FriendsPanelActions.acceptClicked),
      mergeMap(({ request }) =>
        api.accept(request.id).pipe(
          map((closed) => FriendsApiActions.requestClosed({ request: closed })),
          failedFor(aboutRequest(request)),
        ),
      ),
    );
  },
  { functional: true },
);

export const declineRequest$ = createEffect(
  (actions$ = inject(Actions), api = inject(FriendsApi)) => {
    return actions$.pipe(
      ofType(FriendsPanelActions.declineClicked),
      mergeMap(({ request }) =>
        api.decline(request.id).pipe(
          map((closed) => FriendsApiActions.requestClosed({ request: closed })),
          failedFor(aboutRequest(request)),
        ),
      ),
    );
  },
  { functional: true },
);

export const cancelRequest$ = createEffect(
  (actions$ = inject(Actions), api = inject(FriendsApi)) => {
    return actions$.pipe(
      ofType(FriendsPanelActions.cancelRequestClicked),
      mergeMap(({ request }) =>
        api.cancel(request.id).pipe(
          map((closed) => FriendsApiActions.requestClosed({ request: closed })),
          failedFor(aboutRequest(request)),
        ),
      ),
    );
  },
  { functional: true },
);

export const unfriend$ = createEffect(
  (actions$ = inject(Actions), api = inject(FriendsApi)) => {
    return actions$.pipe(
      ofType(FriendsPanelActions.unfriendConfirmed),
      mergeMap(({ userId }) =>
        api.unfriend(userId).pipe(
          map(() => FriendsApiActions.unfriended({ userId })),
          failedFor({ userId }),
        ),
      ),
    );
  },
  { functional: true },
);

export const block$ = createEffect(
  (actions$ = inject(Actions), api = inject(FriendsApi)) => {
    return actions$.pipe(
      ofType(FriendsPanelActions.blockConfirmed),
      mergeMap(({ user }) =>
        api.block(user.id).pipe(
          map(() => FriendsApiActions.blocked({ user })),
          failedFor({ userId: user.id }),
        ),
      ),
    );
  },
  { functional: true },
);

export const unblock$ = createEffect(
  (actions$ = inject(Actions), api = inject(FriendsApi)) => {
    return actions$.pipe(
      ofType(FriendsPanelActions.unblockClicked),
      mergeMap(({ userId }) =>
        api.unblock(userId).pipe(
          map(() => FriendsApiActions.unblocked({ userId })),
          failedFor({ userId }),
        ),
      ),
    );
  },
  { functional: true },
);
