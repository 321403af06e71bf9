import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

import type { AuditAction } from '../../contracts/users';

export type { AuditAction } from '../../contracts/users';

/** One admin action: who did what to whom (an account, or a webhook endpoint), when. Never updated or deleted by the app. */
@Schema({ collection: 'audit' })
export class AuditEntry {
  /** Null when no person did it (the identity provider through SCIM). */
  @Prop({ type: SchemaTypes.ObjectId, default: null }) actorId: Types.ObjectId | null;
  @Prop({ type: String, required: true }) action: AuditAction;
  /** Null when the action was about no one thing (the retention job, a compliance export). */
  @Prop({ type: SchemaTypes.ObjectId, default: null }) targetId: Types.ObjectId | null;
  @Prop({ type: SchemaTypes.Mixed, default: {} }) details: Record<string, unknown>;
  @Prop({ type: Date, default: () => new Date() }) at: Date;
  /** "<action>:<targetId>" for actions that happen at most once to an account; absent otherwise. */
  @Prop({ type: String }) onceKey?: string;
}

export type AuditEntryDocument = HydratedDocument<AuditEntry>;
export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntry);

// The log is read newest first by _id; what happened to one user.
AuditEntrySchema.index({ targetId: 1, _id: -1 });
// An action that happens once to an account (erasure): a retried or concurrent one records no second entry.
AuditEntrySchema.index({ onceKey: 1 }, { unique: true, sparse: true });
