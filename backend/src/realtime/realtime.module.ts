import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { AllConfig } from '../config';
import { CacheInvalidation } from './cache-invalidation';
import { RealtimeService } from './realtime.service';
import { REDIS_CLIENTS, RedisClients } from './redis-clients';
import { SocketConnections } from './socket-connections';

/** Set REDIS_URL to run several instances: events, presence and cache invalidation then go through Redis. */
@Global()
@Module({
  providers: [
    RealtimeService,
    SocketConnections,
    CacheInvalidation,
    {
      provide: REDIS_CLIENTS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AllConfig, true>) => {
        const { url } = config.get('redis', { infer: true });
        return url ? new RedisClients(url) : null;
      },
    },
  ],
  exports: [RealtimeService, SocketConnections, CacheInvalidation, REDIS_CLIENTS],
})
export class RealtimeModule {}
