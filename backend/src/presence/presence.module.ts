import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { FriendsModule } from '../friends/friends.module';
import { UsersModule } from '../users/users.module';
import { PresenceGateway } from './presence.gateway';
import { PresenceService } from './presence.service';

@Module({
  imports: [AuthModule, FriendsModule, UsersModule],
  providers: [PresenceGateway, PresenceService],
})
export class PresenceModule {}
