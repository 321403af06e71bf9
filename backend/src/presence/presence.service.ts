import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';

import { ServerEvent } from '../contracts/socket-events';
import { RealtimeService } from '../realtime/realtime.service';
import { type SocketConnectionListener, SocketConnections } from '../realtime/socket-connections';
import type { AuthedSocket } from '../realtime/socket-user';
import { UsersService } from '../users/users.service';
import { PresenceRegistry } from './presence.registry';
import { PresenceAudience } from './presence-audience';

/**
 * Who is online, told only to the user's presence audience (friends, and conversation partners with
 * DIRECT_MESSAGES=everyone; see PresenceAudience): on at the first socket, off (with lastSeenAt) when the last one
 * closes.
 */
@Injectable()
export class PresenceService implements OnModuleInit, SocketConnectionListener {
  private readonly logger = new Logger(PresenceService.name);
  /** Users this instance last announced as away. */
  private readonly away = new Set<string>();

  constructor(
    private readonly registry: PresenceRegistry,
    private readonly audience: PresenceAudience,
    private readonly realtime: RealtimeService,
    private readonly users: UsersService,
    private readonly connections: SocketConnections,
  ) {}

  onModuleInit(): void {
    this.connections.listen(this);
    // Users whose instance crashed (scaled out): offline for their audience like anyone who left.
    this.registry.onLost((userIds) => {
      for (const userId of userIds) void this.wentOffline(userId).catch(() => undefined);
    });
  }

  async connected(socket: AuthedSocket): Promise<void> {
    const userId = socket.data.user.id;
    const first = await this.registry.add(userId, socket.id);
    const audience = await this.audience.of(userId);
    const online = await this.registry.onlineAmong(audience);
    socket.emit(ServerEvent.PresenceSnapshot, { online, away: await this.realtime.allIdleAmong(online) });
    if (first) this.realtime.toUsers(audience, ServerEvent.PresenceUpdate, { userId, online: true });
    // Back at a new tab: no longer away.
    else if (this.away.delete(userId)) this.announceAway(userId, false);
  }

  /**
   * A tab went idle (no input for 10 minutes) or active again. Away is "every tab idle", told to the audience
   * when it changes. Each instance remembers what it announced, so repeats from other tabs cost nothing.
   */
  async setIdle(socket: AuthedSocket, idle: boolean): Promise<void> {
    socket.data.idle = idle;
    const userId = socket.data.user.id;
    const away = idle ? (await this.realtime.allIdleAmong([userId])).includes(userId) : false;
    if (away === this.away.has(userId)) return;
    if (away) this.away.add(userId);
    else this.away.delete(userId);
    this.announceAway(userId, away);
  }

  private announceAway(userId: string, away: boolean): void {
    void this.audience
      .of(userId)
      .then((audience) => this.realtime.toUsers(audience, ServerEvent.PresenceUpdate, { userId, online: true, away }))
      .catch((error: Error) => this.logger.warn(`away announcement failed: ${error.message}`));
  }

  async disconnected(socket: AuthedSocket): Promise<void> {
    const userId = socket.data.user.id;
    if (await this.registry.remove(userId, socket.id)) {
      this.away.delete(userId);
      await this.wentOffline(userId);
    }
  }

  private async wentOffline(userId: string): Promise<void> {
    const lastSeenAt = new Date();
    await this.users.setLastSeen(userId, lastSeenAt);
    // They may have come back while lastSeenAt was being saved (a quick reload): then they are not offline.
    if (await this.registry.isOnline(userId)) return;
    this.realtime.toUsers(await this.audience.of(userId), ServerEvent.PresenceUpdate, {
      userId,
      online: false,
      lastSeenAt: lastSeenAt.toISOString(),
    });
  }

  /**
   * Both people of a conversation have now written in it (MessagesService). With DIRECT_MESSAGES=everyone they
   * now see each other's presence: tell them at once. Never fails the send that calls it.
   */
  conversationStarted(a: string, b: string): void {
    if (!this.audience.conversationStarted(a, b)) return;
    void this.introduce(a, b).catch((error: Error) =>
      this.logger.warn(`presence introduction failed: ${error.message}`),
    );
  }

  private async introduce(a: string, b: string): Promise<void> {
    if (!(await this.audience.of(a)).includes(b)) return;
    const [people, online] = await Promise.all([this.users.findManyByIds([a, b]), this.registry.onlineAmong([a, b])]);
    for (const person of people) {
      const userId = person._id.toString();
      this.realtime.toUser(userId === a ? b : a, ServerEvent.PresenceUpdate, {
        userId,
        online: online.includes(userId),
        lastSeenAt: person.lastSeenAt?.toISOString() ?? null,
      });
    }
  }
}
