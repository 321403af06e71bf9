import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

@Schema({ timestamps: { createdAt: true, updatedAt: false }, collection: 'blocks' })
export class Block {
  @Prop({ type: SchemaTypes.ObjectId, required: true }) blocker: Types.ObjectId;
  @Prop({ type: SchemaTypes.ObjectId, required: true }) blocked: Types.ObjectId;
}

export type BlockDocument = HydratedDocument<Block>;
export const BlockSchema = SchemaFactory.createForClass(Block);

// Did A block B? Also makes blocking idempotent.
BlockSchema.index({ blocker: 1, blocked: 1 }, { unique: true });
// Who blocked B (checked before any contact).
BlockSchema.index({ blocked: 1 });
