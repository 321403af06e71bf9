import { inject } from '@angular/core';
import { ServerEvent, type SessionRevokedPayload, type UserUpdatedPayload } from '@contracts/socket-events';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, distinctUntilChanged, EMPTY, exhaustMap, filter, map, merge, tap } from 'rxjs';

import { AuthApiActions } from '../auth/auth-actions';
import { authFeature } from '../auth/auth-feature';
import { AuthSession } from '../auth/auth-session';
import { RealtimeSocket } from './realtime-socket';
import { SocketActions } from './socket-actions';

/** The socket lives exactly as long as the person is signed in. */
export const openWhileSignedIn$ = createEffect(
  (store = inject(Store), socket = inject(RealtimeSocket)) => {
    return store.select(authFeature.selectIsSignedIn).pipe(
      distinctUntilChanged(),
      tap((signedIn) => (signedIn ? socket.connect() : socket.disconnect())),
    );
  },
  { functional: true, dispatch: false },
);

/** A live socket gets every new access token, so the server does not drop it when the old one expires. */
export const reauthenticate$ = createEffect(
  (actions$ = inject(Actions), socket = inject(RealtimeSocket)) => {
    return actions$.pipe(
      ofType(AuthApiActions.sessionRefreshed),
      filter(() => socket.connected),
      tap(
        ({ response }) => void socket.request('auth:refresh', { token: response.accessToken }).catch(() => undefined),
      ),
    );
  },
  { functional: true, dispatch: false },
);

export const connectionStatus$ = createEffect(
  (socket = inject(RealtimeSocket)) => {
    return merge(
      socket.on('connect').pipe(map(() => SocketActions.connected())),
      socket.on('disconnect').pipe(map(() => SocketActions.disconnected())),
    );
  },
  { functional: true },
);

/** A friend's new name or picture, or my own account changed in another tab (a verified address, a new role). */
export const userUpdated$ = createEffect(
  (socket = inject(RealtimeSocket)) => {
    return socket
      .on<UserUpdatedPayload>(ServerEvent.UserUpdated)
      .pipe(map(({ user }) => SocketActions.userUpdated({ user })));
  },
  { functional: true },
);

/** The server ended this session (sign-out everywhere, revoked, banned): sign out here too, saying why. */
export const sessionRevoked$ = createEffect(
  (socket = inject(RealtimeSocket)) => {
    return socket
      .on<SessionRevokedPayload | undefined>(ServerEvent.SessionRevoked)
      .pipe(map((payload) => AuthApiActions.sessionExpired(payload?.reason)));
  },
  { functional: true },
);

/**
 * The server refused or dropped the socket for its token (expired while the tab slept, say): refresh, then
 * connect again. If the refresh fails, the session effects sign the person out.
 */
export const recoverFromAuthFailure$ = createEffect(
  (socket = inject(RealtimeSocket), session = inject(AuthSession), store = inject(Store)) => {
    return merge(
      socket.on<Error>('connect_error').pipe(filter((error) => error.message === 'unauthorized')),
      socket.on<string>('disconnect').pipe(filter((reason) => reason === 'io server disconnect')),
    ).pipe(
      filter(() => store.selectSignal(authFeature.selectIsSignedIn)()),
      exhaustMap(() =>
        session.refresh().pipe(
          tap(() => socket.connect()),
          catchError(() => EMPTY),
        ),
      ),
    );
  },
  { functional: true, dispatch: false },
);
