import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

@Schema({ collection: 'friendships' })
export class Friendship {
  /** "<smaller id>:<larger id>", so a pair has exactly one friendship. */
  @Prop({ required: true }) pairKey: string;
  @Prop({ type: [SchemaTypes.ObjectId], required: true }) users: Types.ObjectId[];
  @Prop({ type: Date, default: () => new Date() }) since: Date;
}

export type FriendshipDocument = HydratedDocument<Friendship>;
export const FriendshipSchema = SchemaFactory.createForClass(Friendship);

// Are these two friends? Also makes becoming friends idempotent.
FriendshipSchema.index({ pairKey: 1 }, { unique: true });
// A user's friends.
FriendshipSchema.index({ users: 1, _id: -1 });
