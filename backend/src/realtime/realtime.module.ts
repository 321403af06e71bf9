import { Global, Module } from '@nestjs/common';
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
      useFactory: () => (process.env.REDIS_URL ? new RedisClients(process.env.REDIS_URL) : null),
    },
  ],
  exports: [RealtimeService, SocketConnections, CacheInvalidation, REDIS_CLIENTS],
})
export class RealtimeModule {}
