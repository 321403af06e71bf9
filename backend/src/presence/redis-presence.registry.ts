import { Logger, type OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';

import { PresenceRegistry } from './presence.registry';

const HEARTBEAT_MS = 3_000;
/** An instance that has not renewed its heartbeat for this long is dead; its sockets are dropped. */
const ALIVE_TTL_MS = 10_000;

const socketsOf = (userId: string) => `presence:sockets:${userId}`;
const instanceSockets = (instanceId: string) => `presence:instance:${instanceId}:sockets`;
const alive = (instanceId: string) => `presence:alive:${instanceId}`;
const INSTANCES = 'presence:instances';
const ONLINE = 'presence:online';

// Removes one socket and, when it was the user's last, the user from the online set, atomically (a socket
// added meanwhile on another instance can't be lost between the count and the removal). Returns 1 when the
// user went offline.
const REMOVE_SOCKET = `
local removed = redis.call('HDEL', KEYS[1], ARGV[1])
if KEYS[2] ~= '' then redis.call('SREM', KEYS[2], ARGV[2]) end
if removed == 1 and redis.call('HLEN', KEYS[1]) == 0 then
  redis.call('SREM', KEYS[3], ARGV[3])
  return 1
end
return 0`;

/**
 * Presence shared by all instances through Redis. Each user has a hash of socket id → instance id; each instance
 * renews a heartbeat key and keeps the list of its sockets, so when an instance dies (even SIGKILL) the others
 * notice within ~15 s, remove its sockets and report the users that went offline.
 */
export class RedisPresenceRegistry extends PresenceRegistry implements OnModuleDestroy {
  private readonly logger = new Logger(RedisPresenceRegistry.name);
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly redis: Redis,
    private readonly instanceId: string,
  ) {
    super();
    void this.heartbeat();
    this.timers.push(setInterval(() => void this.heartbeat(), HEARTBEAT_MS));
    this.timers.push(setInterval(() => void this.reapDeadInstances(), HEARTBEAT_MS + 1_000));
    this.timers.forEach((timer) => timer.unref());
  }

  async add(userId: string, socketId: string): Promise<boolean> {
    const results = await this.redis
      .multi()
      .hset(socketsOf(userId), socketId, this.instanceId)
      .sadd(instanceSockets(this.instanceId), `${userId}|${socketId}`)
      .hlen(socketsOf(userId))
      .sadd(ONLINE, userId)
      .exec();
    return results?.[2]?.[1] === 1;
  }

  remove(userId: string, socketId: string): Promise<boolean> {
    return this.removeSocket(userId, socketId, instanceSockets(this.instanceId));
  }

  private async removeSocket(userId: string, socketId: string, instanceKey: string): Promise<boolean> {
    const keys = [socketsOf(userId), instanceKey, ONLINE];
    const result = await this.redis.eval(REMOVE_SOCKET, 3, ...keys, socketId, `${userId}|${socketId}`, userId);
    return result === 1;
  }

  async onlineAmong(userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const flags = await this.redis.smismember(ONLINE, ...userIds);
    return userIds.filter((_, i) => flags[i] === 1);
  }

  async onlineCount(): Promise<number> {
    return this.redis.scard(ONLINE);
  }

  async onModuleDestroy(): Promise<void> {
    this.timers.forEach((timer) => clearInterval(timer));
  }

  private async heartbeat(): Promise<void> {
    try {
      await this.redis
        .multi()
        .set(alive(this.instanceId), '1', 'PX', ALIVE_TTL_MS)
        .sadd(INSTANCES, this.instanceId)
        .exec();
    } catch (error) {
      this.logger.warn(`presence heartbeat failed: ${(error as Error).message}`);
    }
  }

  /** Takes over the sockets of instances whose heartbeat stopped; one instance does it (a short lock). */
  private async reapDeadInstances(): Promise<void> {
    try {
      for (const instanceId of await this.redis.smembers(INSTANCES)) {
        if (instanceId === this.instanceId || (await this.redis.exists(alive(instanceId)))) continue;
        const locked = await this.redis.set(`presence:reap:${instanceId}`, this.instanceId, 'PX', ALIVE_TTL_MS, 'NX');
        if (locked) await this.reap(instanceId);
      }
    } catch (error) {
      this.logger.warn(`presence clean-up failed: ${(error as Error).message}`);
    }
  }

  private async reap(instanceId: string): Promise<void> {
    const entries = await this.redis.smembers(instanceSockets(instanceId));
    const lost: string[] = [];
    for (const entry of entries) {
      const [userId, socketId] = entry.split('|');
      if (await this.removeSocket(userId, socketId, '')) lost.push(userId);
    }
    await this.redis.multi().del(instanceSockets(instanceId)).srem(INSTANCES, instanceId).exec();
    this.logger.log(`instance ${instanceId} is gone: ${entries.length} socket(s) dropped`);
    if (lost.length) this.lostListeners.forEach((listener) => listener(lost));
  }
}
