import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { AuditModule } from '../admin/audit.module';
import { UsersModule } from '../users/users.module';
import { ServiceToken, ServiceTokenSchema } from './schemas/service-token.schema';
import { ServiceTokensController } from './service-tokens.controller';
import { ServiceTokensService } from './service-tokens.service';

/** Admins' service tokens (/api/admin/tokens) and the service accounts they act as. */
@Module({
  imports: [
    UsersModule,
    AuditModule,
    MongooseModule.forFeature([{ name: ServiceToken.name, schema: ServiceTokenSchema }]),
  ],
  controllers: [ServiceTokensController],
  providers: [ServiceTokensService],
  exports: [ServiceTokensService],
})
export class ServiceTokensModule {}
