import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

import type { ServiceScope } from '../../contracts/service-tokens';

/** A service token: only the sha256 of its secret is kept, so the database never holds a usable token. */
@Schema({ collection: 'service_tokens', timestamps: { createdAt: true, updatedAt: false } })
export class ServiceToken {
  @Prop({ required: true, trim: true }) name: string;
  /** sha256 (hex) of the whole token. */
  @Prop({ required: true }) tokenHash: string;
  /** The token's first characters, shown to tell tokens apart (not enough to use it). */
  @Prop({ required: true }) prefix: string;
  @Prop({ type: [String], required: true }) scopes: ServiceScope[];
  /** The service account (a user with origin 'service') the token acts as. */
  @Prop({ type: SchemaTypes.ObjectId, required: true }) accountId: Types.ObjectId;
  @Prop({ type: SchemaTypes.ObjectId, required: true }) createdBy: Types.ObjectId;
  @Prop({ type: Date, default: null }) expiresAt: Date | null;
  @Prop({ type: Date, default: null }) lastUsedAt: Date | null;
  @Prop({ type: Date, default: null }) revokedAt: Date | null;
  createdAt: Date;
}

export type ServiceTokenDocument = HydratedDocument<ServiceToken>;
export const ServiceTokenSchema = SchemaFactory.createForClass(ServiceToken);

// Every service request finds its token by the hash of what it presented.
ServiceTokenSchema.index({ tokenHash: 1 }, { unique: true });
// The admin list: tokens not revoked, newest first.
ServiceTokenSchema.index({ revokedAt: 1, _id: -1 });
