import { Module } from '@nestjs/common';

import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';
import { AuditModule } from './audit.module';
import { StatsService } from './stats.service';

@Module({
  imports: [UsersModule, AuthModule, AuditModule],
  controllers: [AdminController],
  providers: [AdminService, StatsService],
  exports: [AdminService, AuditModule],
})
export class AdminModule {}
