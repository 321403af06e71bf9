import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { LegalHoldsService } from './legal-holds.service';
import { LegalHold, LegalHoldSchema } from './schemas/legal-hold.schema';

/** Legal holds, asked by the message deletions and the retention job (the admin routes are in ComplianceModule). */
@Module({
  imports: [MongooseModule.forFeature([{ name: LegalHold.name, schema: LegalHoldSchema }])],
  providers: [LegalHoldsService],
  exports: [LegalHoldsService],
})
export class LegalHoldsModule {}
