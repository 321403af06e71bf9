import { randomUUID } from 'node:crypto';
import { Logger, UseFilters, UsePipes, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WsException,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Server } from 'socket.io';
import { AccessTokensService } from '../auth/access-tokens.service';
import { SocketRateLimiter } from '../common/ws/socket-rate-limiter';
import type { AuthedSocket } from '../common/ws/socket-user';
import { WsExceptionFilter } from '../common/ws/ws-exception.filter';
import { createWsValidationPipe } from '../common/ws/ws-validation.pipe';
import { ClientEvent } from '../contracts/socket-events';
import { RealtimeService, sessionRoom, userRoom } from '../realtime/realtime.service';
import { AuthRefreshDto } from './dto/auth-refresh.dto';
import { PresenceService } from './presence.service';

/**
 * The Socket.IO entry point. The handshake must carry a valid access token (`auth.token`); the socket is
 * dropped when that token expires unless the client sends `auth:refresh` with a new one.
 */
@WebSocketGateway()
@UseFilters(WsExceptionFilter)
@UsePipes(createWsValidationPipe())
export class PresenceGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger(PresenceGateway.name);
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();
  /** Disconnect bookkeeping still running (lastSeenAt writes), awaited at shutdown before the database closes. */
  private readonly pendingDisconnects = new Set<Promise<void>>();
  private server: Server | null = null;
  /** Per user, across all their sockets: bursts of 30 events, 10 a second sustained. */
  private readonly limiter = new SocketRateLimiter(30, 10);

  constructor(
    private readonly tokens: AccessTokensService,
    private readonly presence: PresenceService,
    private readonly realtime: RealtimeService,
  ) {}

  afterInit(server: Server): void {
    this.server = server;
    this.realtime.attach(server);
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
    await socket.join([userRoom(user.id), sessionRoom(user.sessionId)]);
    this.scheduleExpiry(socket);
    await this.presence.connected(user.id, socket.id, (event, payload) => socket.emit(event, payload));
  }

  async handleDisconnect(socket: AuthedSocket): Promise<void> {
    clearTimeout(this.expiryTimers.get(socket.id));
    this.expiryTimers.delete(socket.id);
    const { user, requestId } = socket.data;
    if (!user) return;
    this.logger.log({ msg: 'socket disconnected', requestId, userId: user.id });
    const done = this.presence.disconnected(user.id, socket.id).catch((e: Error) => this.logger.error(e.stack));
    this.pendingDisconnects.add(done);
    await done;
    this.pendingDisconnects.delete(done);
  }

  /**
   * Shutting down: close every socket's transport (not a server-side disconnect, which clients would not
   * retry), so clients reconnect with their jittered backoff to whichever instance is up; and record
   * everyone's lastSeenAt while the database is still there.
   */
  async onModuleDestroy(): Promise<void> {
    for (const socket of this.server?.sockets.sockets.values() ?? []) socket.conn.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all(this.pendingDisconnects);
  }

  /** A fresh access token for a live socket, so it outlives the one it connected with. */
  @SubscribeMessage(ClientEvent.AuthRefresh)
  async refresh(@ConnectedSocket() socket: AuthedSocket, @MessageBody() body: AuthRefreshDto) {
    this.assertWithinRate(socket);
    const { user, expiresAt } = await this.tokens.verify(body.token);
    if (user.id !== socket.data.user.id)
      throw new WsException({ status: 403, message: 'That token belongs to someone else' });
    if (user.sessionId !== socket.data.user.sessionId) {
      await socket.leave(sessionRoom(socket.data.user.sessionId));
      await socket.join(sessionRoom(user.sessionId));
    }
    Object.assign(socket.data, { user, expiresAt });
    this.scheduleExpiry(socket);
    return { ok: true };
  }

  private assertWithinRate(socket: AuthedSocket): void {
    if (!this.limiter.tryTake(socket.data.user.id)) {
      throw new WsException({ status: 429, message: 'Too many events, slow down' });
    }
  }

  private scheduleExpiry(socket: AuthedSocket): void {
    clearTimeout(this.expiryTimers.get(socket.id));
    const delay = Math.max(0, socket.data.expiresAt - Date.now());
    const timer = setTimeout(() => socket.disconnect(true), Math.min(delay, 2 ** 31 - 1));
    this.expiryTimers.set(socket.id, timer);
  }
}
