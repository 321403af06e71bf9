import { Module } from '@nestjs/common';

import { AdminModule } from '../admin/admin.module';
import { AuthModule } from '../auth/auth.module';
import { FriendsModule } from '../friends/friends.module';
import { MediaModule } from '../media/media.module';
import { MessagesModule } from '../messages/messages.module';
import { UsersModule } from '../users/users.module';
import { AccountErasureService } from './account-erasure.service';
import { AdminErasureController } from './admin-erasure.controller';
import { DataExportService } from './data-export.service';
import { ErasureRequestsService } from './erasure-requests.service';
import { PersonalDataController } from './personal-data.controller';

/** A person's data: the export of everything they have here, and the erasure of their account. */
@Module({
  imports: [UsersModule, AuthModule, FriendsModule, MessagesModule, MediaModule, AdminModule],
  controllers: [PersonalDataController, AdminErasureController],
  providers: [AccountErasureService, ErasureRequestsService, DataExportService],
  exports: [AccountErasureService],
})
export class PersonalDataModule {}
