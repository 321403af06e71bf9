import { Inject, Injectable, type OnModuleInit, Optional } from '@nestjs/common';

import { REDIS_CLIENTS, type RedisClients } from './redis-clients';

const CHANNEL = 'cache:invalidate';

export type CacheKind = 'access-state' | 'session' | 'relationship' | 'webhooks';

/**
 * Caches that decide authorization (a user's roles and status, whether a session is live, whether two people may
 * message each other) are dropped on every
 * instance when they change: locally at once, and through Redis pub/sub when scaled out.
 */
@Injectable()
export class CacheInvalidation implements OnModuleInit {
  private readonly handlers = new Map<CacheKind, ((key: string) => void)[]>();

  constructor(@Optional() @Inject(REDIS_CLIENTS) private readonly redis: RedisClients | null) {}

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    await this.redis.invalidationSub.subscribe(CHANNEL);
    this.redis.invalidationSub.on('message', (_channel, message: string) => {
      const { kind, key } = JSON.parse(message) as { kind: CacheKind; key: string };
      this.apply(kind, key);
    });
  }

  on(kind: CacheKind, handler: (key: string) => void): void {
    this.handlers.set(kind, [...(this.handlers.get(kind) ?? []), handler]);
  }

  invalidate(kind: CacheKind, key: string): void {
    this.apply(kind, key);
    void this.redis?.main.publish(CHANNEL, JSON.stringify({ kind, key })).catch(() => undefined);
  }

  private apply(kind: CacheKind, key: string): void {
    this.handlers.get(kind)?.forEach((handler) => handler(key));
  }
}
