import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

export type AuditAction =
  'user.invited' | 'user.roles_changed' | 'user.banned' | 'user.unbanned' | 'user.provisioned' | 'user.updated';

/** One admin action: who did what to whom, when. Never updated or deleted by the app. */
@Schema({ collection: 'audit' })
export class AuditEntry {
  /** Null when no signed-in person did it (an identity provider over SCIM). */
  @Prop({ type: SchemaTypes.ObjectId, default: null }) actorId: Types.ObjectId | null;
  @Prop({ type: String, required: true }) action: AuditAction;
  @Prop({ type: SchemaTypes.ObjectId, required: true }) targetId: Types.ObjectId;
  @Prop({ type: SchemaTypes.Mixed, default: {} }) details: Record<string, unknown>;
  @Prop({ type: Date, default: () => new Date() }) at: Date;
}

export type AuditEntryDocument = HydratedDocument<AuditEntry>;
export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntry);

// The log is read newest first by _id; what happened to one user.
AuditEntrySchema.index({ targetId: 1, _id: -1 });
