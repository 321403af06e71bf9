import { randomUUID } from 'node:crypto';

import { ForbiddenException, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
} from '@nestjs/websockets';
import type { Server } from 'socket.io';

import { AccessTokensService } from '../auth/access-tokens.service';
import { type Ack, ClientEvent, type SocketErrorBody } from '../contracts/socket-events';
import { MetricsService } from '../metrics/metrics.service';
import { AuthRefreshDto } from './dto/auth-refresh.dto';
import { RateLimiter } from './rate-limiter';
import { RealtimeService, sessionRoom, userRoom } from './realtime.service';
import { RealtimeGateway } from './realtime-gateway.decorator';
import { SocketConnections } from './socket-connections';
import type { AuthedSocket } from './socket-user';

/**
 * How a socket connects. The handshake must carry a valid access token (`auth.token`; the Origin was checked by
 * AppIoAdapter before); the socket joins its user's and session's rooms, and is dropped when that token expires
 * unless the client sends `auth:refresh` with a new one. Features follow connections through SocketConnections.
 */
@RealtimeGateway()
export class ConnectionGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger(ConnectionGateway.name);
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();
  private server: Server | null = null;
  /** Per user, across all their sockets: bursts of 30 refreshes, 10 a second sustained. */
  private readonly limiter = new RateLimiter(30, 10);

  constructor(
    private readonly tokens: AccessTokensService,
    private readonly realtime: RealtimeService,
    private readonly connections: SocketConnections,
    private readonly metrics: MetricsService,
  ) {}

  afterInit(server: Server): void {
    this.server = server;
    this.realtime.attach(server);
    this.metrics.countSocketsWith(() => server.sockets.sockets.size);
    server.use((socket, next) => {
      this.tokens
        .verify((socket.handshake.auth as { token?: unknown })?.token)
        .then(({ user, expiresAt }) => {
          Object.assign(socket.data, { user, expiresAt });
          next();
        })
        .catch(() => next(new Error('unauthorized')));
    });
  }

  async handleConnection(socket: AuthedSocket): Promise<void> {
    const { user } = socket.data;
    if (!user) return void socket.disconnect(true);
    socket.data.requestId = randomUUID();
    this.logger.log({ msg: 'socket connected', requestId: socket.data.requestId, userId: user.id });
    socket.onAny((event: string, ...args: unknown[]) => answerUnknownEvent(socket, event, args));
    await socket.join([userRoom(user.id), sessionRoom(user.sessionId)]);
    // Banned or erased between the handshake and joining the rooms: that ending was sent to rooms it wasn't in yet.
    if (!(await this.tokens.isActiveNow(user.id))) return void socket.disconnect(true);
    this.scheduleExpiry(socket);
    await this.connections.connected(socket);
  }

  async handleDisconnect(socket: AuthedSocket): Promise<void> {
    clearTimeout(this.expiryTimers.get(socket.id));
    this.expiryTimers.delete(socket.id);
    const { user, requestId } = socket.data;
    if (!user) return;
    this.logger.log({ msg: 'socket disconnected', requestId, userId: user.id });
    await this.connections.disconnected(socket);
  }

  /**
   * Shutting down: close every socket's transport (not a server-side disconnect, which clients would not
   * retry), so clients reconnect with their jittered backoff to whichever instance is up; and let the listeners
   * finish (everyone's lastSeenAt) while the database is still there.
   */
  async onModuleDestroy(): Promise<void> {
    for (const socket of this.server?.sockets.sockets.values() ?? []) socket.conn.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await this.connections.settled();
  }

  /** A fresh access token for a live socket, so it outlives the one it connected with. */
  @SubscribeMessage(ClientEvent.AuthRefresh)
  async refresh(@ConnectedSocket() socket: AuthedSocket, @MessageBody() body: AuthRefreshDto) {
    this.limiter.take(socket.data.user.id);
    const { user, expiresAt } = await this.tokens.verify(body.token);
    if (user.id !== socket.data.user.id) {
      throw new ForbiddenException({ message: 'That token belongs to someone else', code: 'token_of_another_user' });
    }
    if (user.sessionId !== socket.data.user.sessionId) {
      await socket.leave(sessionRoom(socket.data.user.sessionId));
      await socket.join(sessionRoom(user.sessionId));
    }
    Object.assign(socket.data, { user, expiresAt });
    this.scheduleExpiry(socket);
    return { ok: true };
  }

  private scheduleExpiry(socket: AuthedSocket): void {
    clearTimeout(this.expiryTimers.get(socket.id));
    const delay = Math.max(0, socket.data.expiresAt - Date.now());
    const timer = setTimeout(() => socket.disconnect(true), Math.min(delay, 2 ** 31 - 1));
    this.expiryTimers.set(socket.id, timer);
  }
}

/** Every client event is acknowledged, an unknown one too (no gateway listens to it): 404 `unknown_event`. */
function answerUnknownEvent(socket: AuthedSocket, event: string, args: unknown[]): void {
  const ack = args.at(-1);
  if (socket.listeners(event).length > 0 || typeof ack !== 'function') return;
  const error: SocketErrorBody = {
    statusCode: 404,
    error: 'Not Found',
    message: 'There is no such event',
    code: 'unknown_event',
  };
  (ack as (response: Ack) => void)({ ok: false, error });
}
