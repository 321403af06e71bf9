import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

/**
 * The Redis connections of a scaled-out instance (REDIS_URL): one for commands and publishing, and one each for
 * the Socket.IO adapter's and the cache invalidation's subscriptions (a subscribed connection can do nothing else).
 */
export class RedisClients implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly main: Redis;
  readonly adapterSub: Redis;
  readonly invalidationSub: Redis;

  constructor(url: string) {
    this.main = new Redis(url, { maxRetriesPerRequest: 3 });
    // No ready check (an INFO command) on subscriber connections: they may subscribe before it would run.
    this.adapterSub = this.main.duplicate({ enableReadyCheck: false });
    this.invalidationSub = this.main.duplicate({ enableReadyCheck: false });
    for (const client of [this.main, this.adapterSub, this.invalidationSub]) {
      client.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [this.main, this.adapterSub, this.invalidationSub].map((client) => client.quit().catch(() => undefined)),
    );
  }
}

export const REDIS_CLIENTS = Symbol('REDIS_CLIENTS');
