import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

import type { FriendRequestStatus } from '../../contracts/friends';

@Schema({ timestamps: { createdAt: true, updatedAt: false }, collection: 'friend_requests' })
export class FriendRequest {
  @Prop({ type: SchemaTypes.ObjectId, required: true }) from: Types.ObjectId;
  @Prop({ type: SchemaTypes.ObjectId, required: true }) to: Types.ObjectId;
  @Prop({ type: String, default: 'pending' }) status: FriendRequestStatus;
  /** The pair key while pending, unset afterwards: at most one pending request per pair, either direction. */
  @Prop({ type: String }) pendingKey?: string;
  @Prop({ type: Date, default: null }) respondedAt: Date | null;
  createdAt: Date;
}

export type FriendRequestDocument = HydratedDocument<FriendRequest>;
export const FriendRequestSchema = SchemaFactory.createForClass(FriendRequest);

// One pending request per pair; two people asking each other at the same moment collide here.
FriendRequestSchema.index({ pendingKey: 1 }, { unique: true, sparse: true });
// Incoming list: to + status, newest first.
FriendRequestSchema.index({ to: 1, status: 1, _id: -1 });
// Outgoing list: from + status, newest first.
FriendRequestSchema.index({ from: 1, status: 1, _id: -1 });
