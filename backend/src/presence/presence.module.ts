import { randomUUID } from 'node:crypto';

import { Global, Module } from '@nestjs/common';

import { FriendsModule } from '../friends/friends.module';
import { MessagesModule } from '../messages/messages.module';
import { REDIS_CLIENTS, type RedisClients } from '../realtime/redis-clients';
import { UsersModule } from '../users/users.module';
import { PresenceGateway } from './presence.gateway';
import { MemoryPresenceRegistry, PresenceRegistry } from './presence.registry';
import { PresenceService } from './presence.service';
import { PresenceAudience } from './presence-audience';
import { RedisPresenceRegistry } from './redis-presence.registry';
import { UserUpdates } from './user-updates';

/** Who is online, and who may know. Global because friends, conversations and admin ask the registry. */
@Global()
@Module({
  imports: [FriendsModule, UsersModule, MessagesModule],
  providers: [
    PresenceService,
    PresenceGateway,
    PresenceAudience,
    UserUpdates,
    {
      provide: PresenceRegistry,
      inject: [REDIS_CLIENTS],
      useFactory: (redis: RedisClients | null) =>
        redis ? new RedisPresenceRegistry(redis.main, randomUUID()) : new MemoryPresenceRegistry(),
    },
  ],
  exports: [PresenceRegistry, PresenceAudience, PresenceService],
})
export class PresenceModule {}
