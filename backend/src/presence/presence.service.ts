import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ServerEvent } from '../contracts/socket-events';
import { FriendsService } from '../friends/friends.service';
import { PresenceRegistry } from '../realtime/presence.registry';
import { RealtimeService } from '../realtime/realtime.service';
import { UsersService } from '../users/users.service';

/** Who is online, told to friends only: on at the first socket, off (with lastSeenAt) when the last one closes. */
@Injectable()
export class PresenceService implements OnModuleInit {
  constructor(
    private readonly registry: PresenceRegistry,
    private readonly friends: FriendsService,
    private readonly realtime: RealtimeService,
    private readonly users: UsersService,
  ) {}

  async connected(userId: string, socketId: string, emitToSocket: (event: string, payload: unknown) => void) {
    const first = await this.registry.add(userId, socketId);
    const friendIds = await this.friends.friendIds(userId);
    emitToSocket(ServerEvent.PresenceSnapshot, { online: await this.registry.onlineAmong(friendIds) });
    if (first) this.realtime.toUsers(friendIds, ServerEvent.PresenceUpdate, { userId, online: true });
  }

  async disconnected(userId: string, socketId: string): Promise<void> {
    if (await this.registry.remove(userId, socketId)) await this.wentOffline(userId);
  }

  /** Users whose instance crashed (scaled out): offline for their friends like anyone who left. */
  onModuleInit(): void {
    this.registry.onLost((userIds) => {
      for (const userId of userIds) void this.wentOffline(userId).catch(() => undefined);
    });
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
