import { ServerEvent, type SessionRevokedPayload } from '@contracts/socket-events';
import type { Actions } from '@ngrx/effects';
import type { Action, Store } from '@ngrx/store';
import { BehaviorSubject, type Observable, Subject, throwError } from 'rxjs';

import { buildAuthResponse } from '../../testing/builders';
import { AuthApiActions } from '../auth/auth-actions';
import { authFeature } from '../auth/auth-feature';
import type { AuthSession } from '../auth/auth-session';
import type { RealtimeSocket } from './realtime-socket';
import { SocketActions } from './socket-actions';
import {
  connectionStatus$,
  openWhileSignedIn$,
  reauthenticate$,
  recoverFromAuthFailure$,
  sessionRevoked$,
} from './socket-effects';

function fakeSocket() {
  const events = new Map<string, Subject<unknown>>();
  const on = (event: string): Observable<unknown> => {
    if (!events.has(event)) events.set(event, new Subject());
    return events.get(event)!;
  };
  const emit = (event: string, payload?: unknown) => events.get(event)?.next(payload);
  const socket = {
    on,
    connected: false,
    connect: jest.fn(),
    disconnect: jest.fn(),
    request: jest.fn(() => Promise.resolve({ ok: true })),
  };
  return { socket, as: socket as unknown as RealtimeSocket, emit };
}

/** A store whose signed-in flag the test sets. */
function fakeStore(signedIn: boolean) {
  const signedIn$ = new BehaviorSubject(signedIn);
  const store = {
    select: (selector: unknown) => (selector === authFeature.selectIsSignedIn ? signedIn$ : new Subject()),
    selectSignal: (selector: unknown) => () => (selector === authFeature.selectIsSignedIn ? signedIn$.value : null),
  } as unknown as Store;
  return { store, signedIn$ };
}

describe('sessionRevoked$', () => {
  it('ends the session and passes on why', () => {
    const { as, emit } = fakeSocket();
    const out: unknown[] = [];
    sessionRevoked$(as).subscribe((action) => out.push(action));

    emit(ServerEvent.SessionRevoked, { reason: 'banned' } satisfies SessionRevokedPayload);
    emit(ServerEvent.SessionRevoked, {});
    expect(out).toEqual([AuthApiActions.sessionExpired('banned'), AuthApiActions.sessionExpired()]);
  });
});

describe('openWhileSignedIn$', () => {
  it('connects on sign-in and disconnects on sign-out, once each', () => {
    const { socket, as } = fakeSocket();
    const { store, signedIn$ } = fakeStore(false);
    openWhileSignedIn$(store, as).subscribe();
    expect(socket.disconnect).toHaveBeenCalledTimes(1);
    signedIn$.next(true);
    signedIn$.next(true);
    expect(socket.connect).toHaveBeenCalledTimes(1);
    signedIn$.next(false);
    expect(socket.disconnect).toHaveBeenCalledTimes(2);
  });
});

describe('connectionStatus$', () => {
  it('reports every connect (the first and each reconnect) and every drop', () => {
    const { as, emit } = fakeSocket();
    const out: Action[] = [];
    connectionStatus$(as).subscribe((action) => out.push(action));
    emit('connect');
    emit('disconnect', 'transport close');
    emit('connect');
    expect(out).toEqual([SocketActions.connected(), SocketActions.disconnected(), SocketActions.connected()]);
  });
});

describe('reauthenticate$', () => {
  it('hands every new access token to a live socket, and nothing to a closed one', () => {
    const { socket, as } = fakeSocket();
    const actions$ = new Subject<Action>();
    reauthenticate$(actions$ as Actions, as).subscribe();

    actions$.next(AuthApiActions.sessionRefreshed({ response: buildAuthResponse({ accessToken: 'while-offline' }) }));
    socket.connected = true;
    actions$.next(AuthApiActions.sessionRefreshed({ response: buildAuthResponse({ accessToken: 'fresh' }) }));
    expect(socket.request.mock.calls).toEqual([['auth:refresh', { token: 'fresh' }]]);
  });
});

describe('recoverFromAuthFailure$', () => {
  function setup(signedIn = true) {
    const { socket, as, emit } = fakeSocket();
    const refresh$ = new Subject<unknown>();
    const session = { refresh: jest.fn(() => refresh$) };
    recoverFromAuthFailure$(as, session as unknown as AuthSession, fakeStore(signedIn).store).subscribe();
    return { socket, emit, session, refresh$ };
  }

  it.each([
    ['a handshake refused for its token', 'connect_error', new Error('unauthorized')],
    ['the server dropping the socket (its token expired)', 'disconnect', 'io server disconnect'],
  ])('refreshes the token after %s, then connects again', (_case, event, payload) => {
    const { socket, emit, session, refresh$ } = setup();
    emit(event, payload);
    expect(session.refresh).toHaveBeenCalledTimes(1);
    expect(socket.connect).not.toHaveBeenCalled();
    refresh$.next(buildAuthResponse());
    expect(socket.connect).toHaveBeenCalledTimes(1);
  });

  it('refreshes once for a burst of failures while one refresh is under way', () => {
    const { emit, session } = setup();
    emit('connect_error', new Error('unauthorized'));
    emit('disconnect', 'io server disconnect');
    emit('connect_error', new Error('unauthorized'));
    expect(session.refresh).toHaveBeenCalledTimes(1);
  });

  it('leaves other failures to the socket’s own reconnects', () => {
    const { emit, session } = setup();
    emit('connect_error', new Error('websocket error'));
    emit('disconnect', 'transport close');
    emit('disconnect', 'io client disconnect');
    expect(session.refresh).not.toHaveBeenCalled();
  });

  it('does nothing once signed out', () => {
    const { emit, session } = setup(false);
    emit('connect_error', new Error('unauthorized'));
    expect(session.refresh).not.toHaveBeenCalled();
  });

  it('does not connect when the refresh fails, and tries again on the next failure', () => {
    const { socket, emit, session } = setup();
    session.refresh.mockReturnValueOnce(throwError(() => new Error('401')) as never);
    emit('connect_error', new Error('unauthorized'));
    expect(socket.connect).not.toHaveBeenCalled();
    emit('connect_error', new Error('unauthorized'));
    expect(session.refresh).toHaveBeenCalledTimes(2);
  });
});
