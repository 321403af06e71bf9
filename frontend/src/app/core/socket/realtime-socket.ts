import { inject, Injectable } from '@angular/core';
import type { Ack } from '@contracts/socket-events';
import { Socket } from 'ngx-socket-io';
import { Observable } from 'rxjs';

import { AuthSession } from '../auth/auth-session';

/** How long to wait for the server to acknowledge an event before treating it as lost. */
export const ACK_TIMEOUT_MS = 8_000;

/**
 * The one Socket.IO connection of the app, used only by effects. The handshake reads the current access token
 * each time it (re)connects, so a reconnect after a refresh presents the new token.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeSocket {
  private readonly socket = inject(Socket);
  private readonly session = inject(AuthSession);

  constructor() {
    this.socket.auth = (callback: (data: object) => void) => callback({ token: this.session.accessToken() });
  }

  connect(): void {
    if (!this.socket.connected && !this.socket.active) this.socket.connect();
  }

  disconnect(): void {
    this.socket.disconnect();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  on<T>(event: string): Observable<T> {
    return new Observable<T>((subscriber) => {
      const listener = (payload: T) => subscriber.next(payload);
      this.socket.on(event, listener as never);
      return () => this.socket.off(event, listener as never);
    });
  }

  /** Emits and waits for the ack; a timeout or a dropped connection rejects, so the caller can retry. */
  request<T extends object = object>(event: string, payload: unknown): Promise<Ack<T>> {
    return this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event as never, payload as never) as Promise<Ack<T>>;
  }

  /** Fire and forget (typing, receipts): nothing to do if it is lost. */
  notify(event: string, payload: unknown): void {
    if (this.socket.connected) this.socket.emit(event as never, payload as never);
  }
}

/** socket.io-client options: websocket only (no sticky sessions needed), jittered backoff against reconnect storms. */
export const SOCKET_OPTIONS = {
  autoConnect: false,
  transports: ['websocket'],
  reconnectionDelay: 1_000,
  reconnectionDelayMax: 15_000,
  randomizationFactor: 0.5,
};
