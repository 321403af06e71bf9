import { Module } from '@nestjs/common';

import { AdminModule } from '../admin/admin.module';
import { MessagesModule } from '../messages/messages.module';
import { ServiceTokensModule } from '../service-tokens/service-tokens.module';
import { UsersModule } from '../users/users.module';
import { ServiceApiService } from './service-api.service';
import { ServiceMessagesController } from './service-messages.controller';
import { ServiceTokenGuard } from './service-token.guard';
import { ServiceUsersController } from './service-users.controller';

/** /api/service/*: what a portal's backend does with a service token (send as a service account, read, manage). */
@Module({
  imports: [ServiceTokensModule, UsersModule, MessagesModule, AdminModule],
  controllers: [ServiceMessagesController, ServiceUsersController],
  providers: [ServiceApiService, ServiceTokenGuard],
})
export class ServiceApiModule {}
