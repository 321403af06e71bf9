import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

import type { MediaKind } from '../../contracts/messages';

export type MediaPurpose = 'message' | 'avatar';

@Schema({ collection: 'media' })
export class Media {
  @Prop({ type: SchemaTypes.ObjectId, required: true }) ownerId: Types.ObjectId;
  @Prop({ type: String, required: true }) purpose: MediaPurpose;
  @Prop({ type: String, required: true }) kind: MediaKind;
  @Prop({ required: true }) mime: string;
  @Prop({ required: true }) extension: string;
  @Prop({ required: true }) size: number;
  /** The uploaded file's name, sanitized, for display and as the download's name. */
  @Prop({ type: String, default: null }) name: string | null;
  @Prop({ type: Number, default: null }) width: number | null;
  @Prop({ type: Number, default: null }) height: number | null;
  @Prop({ type: String, required: true }) driver: 'local' | 'cloudinary';
  @Prop({ required: true }) key: string;
  /** Thumbnail (WebP) of an image. */
  @Prop({ type: String, default: null }) thumbKey: string | null;
  /** The conversation whose message carries it; null until sent (unattached uploads are cleaned up). */
  @Prop({ type: SchemaTypes.ObjectId, default: null }) conversationId: Types.ObjectId | null;
  @Prop({ type: SchemaTypes.ObjectId, default: null }) messageId: Types.ObjectId | null;
  /** Who may read it once attached: the conversation's participants. */
  @Prop({ type: [SchemaTypes.ObjectId], default: [] }) readers: Types.ObjectId[];
  /**
   * The seq of the group message carrying it: then whoever may read that seq of the group reads it (a member added
   * later when the group shares its history; not a member re-added since), instead of `readers`.
   */
  @Prop({ type: Number, default: undefined }) groupSeq?: number;
  /** Its message was deleted (or its owner erased) under a legal hold: kept for the compliance export, shown to no one. */
  @Prop({ type: Boolean, default: undefined }) held?: boolean;
  @Prop({ type: Date, default: () => new Date() }) createdAt: Date;
}

export type MediaDocument = HydratedDocument<Media>;
export const MediaSchema = SchemaFactory.createForClass(Media);

// The daily clean-up of uploads never attached to a message.
MediaSchema.index({ purpose: 1, messageId: 1, createdAt: 1 });
// A message's media (deleted with it).
MediaSchema.index({ messageId: 1 });
// A user's uploads, in order (their data export, and deleted with their account).
MediaSchema.index({ ownerId: 1, _id: 1 });
