import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { ActiveAdminsService } from './active-admins.service';
import { NameKeysBackfill } from './name-keys-backfill';
import { ProvisionedUsersService } from './provisioned-users.service';
import { ActiveAdmins, ActiveAdminsSchema } from './schemas/active-admins.schema';
import { User, UserSchema } from './schemas/user.schema';
import { UserChanges } from './user-changes';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: User.name, schema: UserSchema },
      { name: ActiveAdmins.name, schema: ActiveAdminsSchema },
    ]),
  ],
  controllers: [UsersController],
  providers: [UsersService, ActiveAdminsService, ProvisionedUsersService, NameKeysBackfill, UserChanges],
  exports: [UsersService, ProvisionedUsersService, UserChanges],
})
export class UsersModule {}
