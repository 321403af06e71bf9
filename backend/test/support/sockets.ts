import { io, type Socket } from 'socket.io-client';

/** A socket.io-client connection that records every event it receives. */
export interface TestSocket {
  socket: Socket;
  events: { event: string; payload: any }[];
  /** Resolves with the first (already received or future) payload of `event` that matches. */
  next(event: string, match?: (payload: any) => boolean, timeoutMs?: number): Promise<any>;
  /** Payloads of `event` received so far. */
  received(event: string): any[];
  close(): void;
}

/** A new connection that does not reconnect on its own, so tests see every drop. */
function openSocket(baseUrl: string, token: unknown, extraHeaders: Record<string, string>): Socket {
  return io(baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false, extraHeaders, forceNew: true });
}

export async function connect(
  baseUrl: string,
  token: string,
  extraHeaders: Record<string, string> = {},
): Promise<TestSocket> {
  const socket = openSocket(baseUrl, token, extraHeaders);
  const events: TestSocket['events'] = [];
  const waiters: { event: string; match: (p: any) => boolean; resolve: (p: any) => void }[] = [];
  socket.onAny((event: string, payload: any) => {
    events.push({ event, payload });
    for (const waiter of [...waiters]) {
      if (waiter.event === event && waiter.match(payload)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(payload);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return {
    socket,
    events,
    received: (event) => events.filter((e) => e.event === event).map((e) => e.payload),
    next(event, match = () => true, timeoutMs = 3_000) {
      const seen = events.find((e) => e.event === event && match(e.payload));
      if (seen) return Promise.resolve(seen.payload);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${event}" within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ event, match, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    close: () => socket.disconnect(),
  };
}

/** Resolves with the connection error message, or rejects if the connection was accepted. */
export function connectError(
  baseUrl: string,
  token: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<string> {
  const socket = openSocket(baseUrl, token, extraHeaders);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => (socket.disconnect(), reject(new Error('connection was accepted'))));
    socket.once('connect_error', (error) => (socket.disconnect(), resolve(error.message)));
  });
}

export function emitWithAck(socket: Socket, event: string, payload: unknown): Promise<any> {
  return socket.timeout(15_000).emitWithAck(event, payload);
}

/** Waits long enough for any event already on its way to arrive. */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));
