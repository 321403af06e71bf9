import { ServerEvent, type SessionRevokedPayload } from '@contracts/socket-events';
import { Subject, type Observable } from 'rxjs';
import { AuthApiActions } from '../auth/auth-actions';
import type { RealtimeSocket } from './realtime-socket';
import { sessionRevoked$ } from './socket-effects';

function fakeSocket() {
  const events = new Map<string, Subject<unknown>>();
  const on = (event: string): Observable<unknown> => {
    if (!events.has(event)) events.set(event, new Subject());
    return events.get(event)!;
  };
  const emit = (event: string, payload: unknown) => events.get(event)?.next(payload);
  return { socket: { on } as unknown as RealtimeSocket, emit };
}

describe('sessionRevoked$', () => {
  it('ends the session and passes on why', () => {
    const { socket, emit } = fakeSocket();
    const out: unknown[] = [];
    sessionRevoked$(socket).subscribe((action) => out.push(action));

    emit(ServerEvent.SessionRevoked, { reason: 'banned' } satisfies SessionRevokedPayload);
    emit(ServerEvent.SessionRevoked, {});
    expect(out).toEqual([AuthApiActions.sessionExpired('banned'), AuthApiActions.sessionExpired()]);
  });
});
