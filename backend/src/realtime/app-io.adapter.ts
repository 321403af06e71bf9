import type { IncomingMessage } from 'node:http';

import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Observable } from 'rxjs';
import type { ServerOptions } from 'socket.io';

import type { RedisClients } from './redis-clients';

/** Socket payloads are small (media goes over HTTP), so anything larger than this is refused. */
export const MAX_SOCKET_PAYLOAD_BYTES = 64 * 1024;

/**
 * Socket.IO with our limits. Browsers don't apply CORS to WebSockets, so the Origin header is checked here
 * (cross-site WebSocket hijacking): the page's own origin and CORS_ORIGIN are allowed. Clients that send no
 * Origin (not a browser) still need a valid token.
 */
export class AppIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly allowedOrigins: string[],
    private readonly redis: RedisClients | null,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions) {
    const server = this.createServer(port, options);
    // The handshake's HTTP request is not needed once the connection is open (its auth is kept in socket.handshake);
    // dropping it saves several KB per connection.
    server.engine.on('connection', (connection: { request: IncomingMessage | null }) => (connection.request = null));
    // Scaled out: events to a room reach its sockets on every instance.
    if (this.redis) server.adapter(createAdapter(this.redis.main, this.redis.adapterSub));
    return server;
  }

  /**
   * Nest's handlers, answered as Nest's IoAdapter answers them (an `event` reply is emitted, anything else acks), with
   * one plain listener per event instead of an RxJS pipeline per event and socket: the same work per message, and a
   * few KB less kept per connection. An answer that comes after the socket closed goes nowhere either way.
   */
  override bindMessageHandlers(
    socket: Parameters<IoAdapter['bindMessageHandlers']>[0],
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        // As rxjs's fromEvent hands them to Nest: one argument as it is, several as an array.
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]);
        transform(callback(data, ack)).subscribe((response) => {
          if (response === null || response === undefined) return;
          const reply = response as { event?: string; data?: unknown };
          if (reply.event) return void socket.emit(reply.event, reply.data);
          if (!isAckHandledManually && typeof ack === 'function') ack(response);
        });
      });
    }
  }

  private createServer(port: number, options?: ServerOptions) {
    return super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
      cors: { origin: this.allowedOrigins, credentials: true },
      allowRequest: (req: IncomingMessage, callback: (err: string | null, success: boolean) => void) => {
        const origin = req.headers.origin;
        callback(null, !origin || this.allowedOrigins.includes(origin) || isSameOrigin(origin, req.headers.host));
      },
    });
  }
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
