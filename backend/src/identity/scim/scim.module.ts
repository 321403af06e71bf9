import { Module } from '@nestjs/common';

import { AdminModule } from '../../admin/admin.module';
import { AuthModule } from '../../auth/auth.module';
import { PersonalDataModule } from '../../personal-data/personal-data.module';
import { UsersModule } from '../../users/users.module';
import { ScimAuthGuard } from './scim-auth.guard';
import { ScimDiscoveryController } from './scim-discovery.controller';
import { ScimUsersController } from './scim-users.controller';
import { ScimUsersService } from './scim-users.service';

/** SCIM 2.0 provisioning under /scim/v2 (outside /api), on when SCIM_TOKEN is set. */
@Module({
  imports: [UsersModule, AuthModule, AdminModule, PersonalDataModule],
  controllers: [ScimUsersController, ScimDiscoveryController],
  providers: [ScimUsersService, ScimAuthGuard],
})
export class ScimModule {}
