import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

import { MessageMedia } from './message.schema';

/**
 * Why a version was kept: 'edit', the text before an edit (shown to the participants); 'deleted' and 'erased', the
 * content a deletion or an account erasure took while a legal hold was on (for the compliance export only).
 */
export type VersionReason = 'edit' | 'deleted' | 'erased';

/** An earlier state of a message. Removed with the message (retention), and with its content when deleted unheld. */
@Schema({ collection: 'message_versions' })
export class MessageVersion {
  @Prop({ type: SchemaTypes.ObjectId, required: true }) messageId: Types.ObjectId;
  @Prop({ type: SchemaTypes.ObjectId, required: true }) conversationId: Types.ObjectId;
  @Prop({ type: String, required: true }) reason: VersionReason;
  @Prop({ type: String, default: null }) text: string | null;
  @Prop({ type: MessageMedia, default: null }) media: MessageMedia | null;
  /** When this content was written (the message's creation or the edit before); the deletion time for the others. */
  @Prop({ type: Date, required: true }) at: Date;
}

export type MessageVersionDocument = HydratedDocument<MessageVersion>;
export const MessageVersionSchema = SchemaFactory.createForClass(MessageVersion);

// A message's versions in order (its history, the export); removed with the message.
MessageVersionSchema.index({ messageId: 1, _id: 1 });
