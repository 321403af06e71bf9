import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

/**
 * A burst of messages someone has not read in one conversation: one e-mail is due at `dueAt` unless they read them
 * or come online. Stored, so a restart loses none; claimed with one atomic update, so two instances never both send.
 */
@Schema({ collection: 'missed_messages' })
export class MissedMessages {
  @Prop({ type: SchemaTypes.ObjectId, required: true }) userId: Types.ObjectId;
  @Prop({ type: SchemaTypes.ObjectId, required: true }) conversationId: Types.ObjectId;
  @Prop({ type: Date, required: true }) dueAt: Date;
  /** The newest message of the burst: a message arriving while the e-mail goes out starts the next burst. */
  @Prop({ type: Number, required: true }) lastSeq: number;
  /** An instance sending the e-mail holds it until then; after that (the instance died) another may take it. */
  @Prop({ type: Date, default: null }) claimedUntil: Date | null;
}

export type MissedMessagesDocument = HydratedDocument<MissedMessages>;
export const MissedMessagesSchema = SchemaFactory.createForClass(MissedMessages);

// One burst per person and conversation (the upsert on each message).
MissedMessagesSchema.index({ userId: 1, conversationId: 1 }, { unique: true });
// The sender's scan for what is due.
MissedMessagesSchema.index({ dueAt: 1 });
