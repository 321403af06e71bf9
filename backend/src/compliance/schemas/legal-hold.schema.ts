import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

import type { HoldKind } from '../../contracts/compliance';

/** An active legal hold (released holds are deleted; the audit log keeps their story). */
@Schema({ collection: 'legal_holds' })
export class LegalHold {
  @Prop({ type: String, required: true }) kind: HoldKind;
  @Prop({ type: SchemaTypes.ObjectId, required: true }) targetId: Types.ObjectId;
  @Prop({ type: String, default: '' }) reason: string;
  @Prop({ type: SchemaTypes.ObjectId, default: null }) placedBy: Types.ObjectId | null;
  @Prop({ type: Date, default: () => new Date() }) placedAt: Date;
}

export type LegalHoldDocument = HydratedDocument<LegalHold>;
export const LegalHoldSchema = SchemaFactory.createForClass(LegalHold);

// One hold per user or conversation (placing it again changes nothing); "is this held" looks up by target.
LegalHoldSchema.index({ targetId: 1, kind: 1 }, { unique: true });
