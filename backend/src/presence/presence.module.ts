import { randomUUID } from 'node:crypto';

import { Global, Module } from '@nestjs/common';

import { FriendsModule } from '../friends/friends.module';
import { REDIS_CLIENTS, type RedisClients } from '../realtime/redis-clients';
import { UsersModule } from '../users/users.module';
import { MemoryPresenceRegistry, PresenceRegistry } from './presence.registry';
import { PresenceService } from './presence.service';
import { RedisPresenceRegistry } from './redis-presence.registry';

/** Who is online. Global because friends, conversations and admin ask the registry. */
@Global()
@Module({
  imports: [FriendsModule, UsersModule],
  providers: [
    PresenceService,
    {
      provide: PresenceRegistry,
      inject: [REDIS_CLIENTS],
      useFactory: (redis: RedisClients | null) =>
        redis ? new RedisPresenceRegistry(redis.main, randomUUID()) : new MemoryPresenceRegistry(),
    },
  ],
  exports: [PresenceRegistry],
})
export class PresenceModule {}
