import { Injectable } from '@nestjs/common';

/** Counts each user's open sockets on this instance: online from the first socket until the last one closes. */
@Injectable()
export class PresenceRegistry {
  private readonly sockets = new Map<string, Set<string>>();

  /** Returns true when this is the user's first socket (they just came online). */
  add(userId: string, socketId: string): boolean {
    const set = this.sockets.get(userId) ?? new Set<string>();
    const first = set.size === 0;
    set.add(socketId);
    this.sockets.set(userId, set);
    return first;
  }

  /** Returns true when that was the user's last socket (they just went offline). */
  remove(userId: string, socketId: string): boolean {
    const set = this.sockets.get(userId);
    if (!set?.delete(socketId)) return false;
    if (set.size > 0) return false;
    this.sockets.delete(userId);
    return true;
  }

  isOnline(userId: string): boolean {
    return this.sockets.has(userId);
  }

  onlineCount(): number {
    return this.sockets.size;
  }

  onlineAmong(userIds: string[]): string[] {
    return userIds.filter((id) => this.sockets.has(id));
  }
}
