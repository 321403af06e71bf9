import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { AuditModule } from '../admin/audit.module';
import { MessagesModule } from '../messages/messages.module';
import { UsersModule } from '../users/users.module';
import { ComplianceController } from './compliance.controller';
import { ComplianceService } from './compliance.service';
import { JobLeases } from './job-lease';
import { LegalHoldsModule } from './legal-holds.module';
import { RetentionJob } from './retention.job';
import { JobLease, JobLeaseSchema } from './schemas/job-lease.schema';

/** Keeping what was said, for the admins: legal holds, the compliance export and the retention job. */
@Module({
  imports: [
    AuditModule,
    UsersModule,
    MessagesModule,
    LegalHoldsModule,
    MongooseModule.forFeature([{ name: JobLease.name, schema: JobLeaseSchema }]),
  ],
  controllers: [ComplianceController],
  providers: [ComplianceService, JobLeases, RetentionJob],
})
export class ComplianceModule {}
