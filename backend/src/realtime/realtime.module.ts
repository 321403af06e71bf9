import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import type { AllConfig } from '../config';
import { CacheInvalidation } from './cache-invalidation';
import { MemoryPresenceRegistry, PresenceRegistry } from './presence.registry';
import { RealtimeService } from './realtime.service';
import { REDIS_CLIENTS, RedisClients } from './redis-clients';
import { RedisPresenceRegistry } from './redis-presence.registry';

/** Set REDIS_URL to run several instances: events, presence and cache invalidation then go through Redis. */
@Global()
@Module({
  providers: [
    RealtimeService,
    CacheInvalidation,
    {
      provide: REDIS_CLIENTS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AllConfig, true>) => {
        const { url } = config.get('redis', { infer: true });
        return url ? new RedisClients(url) : null;
      },
    },
    {
      provide: PresenceRegistry,
      inject: [REDIS_CLIENTS],
      useFactory: (redis: RedisClients | null) =>
        redis ? new RedisPresenceRegistry(redis.main, randomUUID()) : new MemoryPresenceRegistry(),
    },
  ],
  exports: [RealtimeService, PresenceRegistry, CacheInvalidation, REDIS_CLIENTS],
})
export class RealtimeModule {}
