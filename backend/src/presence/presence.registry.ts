/**
 * Who is online: each user's open sockets, counted across every instance. Online from the first socket until
 * the last one closes. In memory for one instance; in Redis (RedisPresenceRegistry) when scaled out.
 */
export abstract class PresenceRegistry {
  /** Resolves true when this is the user's first socket (they just came online). */
  abstract add(userId: string, socketId: string): Promise<boolean>;
  /** Resolves true when that was the user's last socket (they just went offline). */
  abstract remove(userId: string, socketId: string): Promise<boolean>;
  abstract onlineAmong(userIds: string[]): Promise<string[]>;
  abstract onlineCount(): Promise<number>;

  async isOnline(userId: string): Promise<boolean> {
    return (await this.onlineAmong([userId])).length > 0;
  }

  /** Users whose sockets vanished with a crashed instance; the presence service announces them offline. */
  onLost(listener: (userIds: string[]) => void): void {
    this.lostListeners.push(listener);
  }

  protected readonly lostListeners: ((userIds: string[]) => void)[] = [];
}

export class MemoryPresenceRegistry extends PresenceRegistry {
  private readonly sockets = new Map<string, Set<string>>();

  async add(userId: string, socketId: string): Promise<boolean> {
    const set = this.sockets.get(userId) ?? new Set<string>();
    const first = set.size === 0;
    set.add(socketId);
    this.sockets.set(userId, set);
    return first;
  }

  async remove(userId: string, socketId: string): Promise<boolean> {
    const set = this.sockets.get(userId);
    if (!set?.delete(socketId)) return false;
    if (set.size > 0) return false;
    this.sockets.delete(userId);
    return true;
  }

  async onlineAmong(userIds: string[]): Promise<string[]> {
    return userIds.filter((id) => this.sockets.has(id));
  }

  async onlineCount(): Promise<number> {
    return this.sockets.size;
  }
}
