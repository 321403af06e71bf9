import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

import type { MediaKind, MessageKind, SystemEventKind } from '../../contracts/messages';
import { searchTermsPlugin } from '../../search/search-terms.plugin';

/** What a system line (kind 'system') tells. */
@Schema({ _id: false })
export class MessageSystem {
  @Prop({ type: String, required: true }) event: SystemEventKind;
  @Prop({ type: SchemaTypes.ObjectId, required: true }) actorId: Types.ObjectId;
  @Prop({ type: [SchemaTypes.ObjectId], default: undefined }) targetIds?: Types.ObjectId[];
  @Prop({ type: String, default: undefined }) name?: string;
}

/** What a message shows of its picture, video, document or audio (the media record holds the rest). */
@Schema({ _id: false })
export class MessageMedia {
  @Prop({ type: SchemaTypes.ObjectId, required: true }) id: Types.ObjectId;
  @Prop({ type: String, required: true }) kind: MediaKind;
  @Prop({ required: true }) mime: string;
  @Prop({ required: true }) size: number;
  /** The uploaded file's name, for display. */
  @Prop({ type: String, default: null }) name: string | null;
  @Prop({ type: Number, default: null }) width: number | null;
  @Prop({ type: Number, default: null }) height: number | null;
  @Prop({ default: false }) hasThumb: boolean;
}

/** One emoji on a message and who reacted with it (a set: PUT adds with $addToSet, DELETE pulls). */
@Schema({ _id: false })
export class Reaction {
  @Prop({ required: true }) emoji: string;
  @Prop({ type: [SchemaTypes.ObjectId], default: [] }) userIds: Types.ObjectId[];
}

@Schema({ collection: 'messages' })
export class Message {
  @Prop({ type: SchemaTypes.ObjectId, required: true }) conversationId: Types.ObjectId;
  /** The message's place in its conversation: assigned by the database, strictly increasing, maybe with gaps. */
  @Prop({ type: Number, required: true }) seq: number;
  @Prop({ type: SchemaTypes.ObjectId, required: true }) senderId: Types.ObjectId;
  /** The sender's idempotency key: a retried send with the same clientId returns this message. */
  @Prop({ required: true }) clientId: string;
  @Prop({ type: String, default: 'text' }) kind: MessageKind;
  /** The text, or a picture's or video's caption. */
  @Prop({ type: String, default: null }) text: string | null;
  /** The distinct normalized words of the text (SearchService; kept by searchTermsPlugin); not read otherwise. */
  @Prop({ type: [String], default: undefined, select: false }) searchTerms?: string[];
  @Prop({ type: MessageMedia, default: null }) media: MessageMedia | null;
  @Prop({ type: MessageSystem, default: undefined }) system?: MessageSystem;
  /** The picture or video was deleted with its sender's account; the message stays. */
  @Prop({ type: Boolean }) mediaRemoved?: boolean;
  /** The message of the same conversation this one replies to (its quote is read when views are built). */
  @Prop({ type: SchemaTypes.ObjectId, default: undefined }) replyToId?: Types.ObjectId;
  @Prop({ type: [Reaction], default: undefined }) reactions?: Reaction[];
  /** Bumped ($inc) by every update that changes the reactions, so readers can tell the newer of two lists. */
  @Prop({ type: Number, default: undefined }) reactionsVersion?: number;
  /** Sent with POST /api/messages/:id/forward: a copy of another message's text and media. */
  @Prop({ type: Boolean, default: undefined }) forwarded?: boolean;
  @Prop({ type: Date, default: () => new Date() }) createdAt: Date;
  @Prop({ type: Date, default: null }) editedAt: Date | null;
  @Prop({ type: Date, default: null }) deletedAt: Date | null;
  /** The people who deleted it for themselves ("delete for me"): every read path of theirs leaves it out. */
  @Prop({ type: [SchemaTypes.ObjectId], default: undefined }) hiddenFor?: Types.ObjectId[];
  /** False until the conversation (preview, unread counter) is updated and the message broadcast. */
  @Prop({ default: false }) applied: boolean;
}

export type MessageDocument = HydratedDocument<Message>;
export const MessageSchema = SchemaFactory.createForClass(Message);
// Built by SeqBackfill once every message has a seq: the unique seq index cannot be built before.
MessageSchema.set('autoIndex', false);

// Idempotent sends: one message per (sender, clientId).
MessageSchema.index({ senderId: 1, clientId: 1 }, { unique: true });
// Admin stats: messages per day; the retention job (oldest first) and the compliance export (a date range).
MessageSchema.index({ createdAt: 1 });
// History pages and catch-up in seq order (before / after cursors); one message per seq.
MessageSchema.index({ conversationId: 1, seq: -1 }, { unique: true });
// Search (SearchService): per conversation, a word (equality) or a word's beginning (anchored prefix regex) of the
// multikey searchTerms; across conversations, one range of it per conversation I may read ($in).
MessageSchema.index({ conversationId: 1, searchTerms: 1 });
MessageSchema.plugin(searchTermsPlugin);
