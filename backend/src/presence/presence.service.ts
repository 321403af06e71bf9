import { Injectable, type OnModuleInit } from '@nestjs/common';

import { ServerEvent } from '../contracts/socket-events';
import { FriendsService } from '../friends/friends.service';
import { RealtimeService } from '../realtime/realtime.service';
import { type SocketConnectionListener, SocketConnections } from '../realtime/socket-connections';
import type { AuthedSocket } from '../realtime/socket-user';
import { UsersService } from '../users/users.service';
import { PresenceRegistry } from './presence.registry';

/** Who is online, told to friends only: on at the first socket, off (with lastSeenAt) when the last one closes. */
@Injectable()
export class PresenceService implements OnModuleInit, SocketConnectionListener {
  constructor(
    private readonly registry: PresenceRegistry,
    private readonly friends: FriendsService,
    private readonly realtime: RealtimeService,
    private readonly users: UsersService,
    private readonly connections: SocketConnections,
  ) {}

  onModuleInit(): void {
    this.connections.listen(this);
    // Users whose instance crashed (scaled out): offline for their friends like anyone who left.
    this.registry.onLost((userIds) => {
      for (const userId of userIds) void this.wentOffline(userId).catch(() => undefined);
    });
  }

  async connected(socket: AuthedSocket): Promise<void> {
    const userId = socket.data.user.id;
    const first = await this.registry.add(userId, socket.id);
    const friendIds = await this.friends.friendIds(userId);
    socket.emit(ServerEvent.PresenceSnapshot, { online: await this.registry.onlineAmong(friendIds) });
    if (first) this.realtime.toUsers(friendIds, ServerEvent.PresenceUpdate, { userId, online: true });
  }

  async disconnected(socket: AuthedSocket): Promise<void> {
    const userId = socket.data.user.id;
    if (await this.registry.remove(userId, socket.id)) await this.wentOffline(userId);
  }

  private async wentOffline(userId: string): Promise<void> {
    const lastSeenAt = new Date();
    await this.users.setLastSeen(userId, lastSeenAt);
    // They may have come back while lastSeenAt was being saved (a quick reload): then they are not offline.
    if (await this.registry.isOnline(userId)) return;
    const friendIds = await this.friends.friendIds(userId);
    this.realtime.toUsers(friendIds, ServerEvent.PresenceUpdate, {
      userId,
      online: false,
      lastSeenAt: lastSeenAt.toISOString(),
    });
  }
}
