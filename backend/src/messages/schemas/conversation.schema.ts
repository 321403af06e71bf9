import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

import type { MessageKind } from '../../contracts/messages';

/** What the chat list shows of the latest message. */
@Schema({ _id: false })
export class LastMessage {
  @Prop({ type: SchemaTypes.ObjectId, required: true }) id: Types.ObjectId;
  @Prop({ type: Number, required: true }) seq: number;
  @Prop({ type: SchemaTypes.ObjectId, required: true }) senderId: Types.ObjectId;
  @Prop({ required: true }) clientId: string;
  @Prop({ type: String, required: true }) kind: MessageKind;
  @Prop({ type: String, default: null }) text: string | null;
  @Prop({ type: Date, required: true }) createdAt: Date;
  @Prop({ type: Date, default: null }) editedAt: Date | null;
  @Prop({ type: Date, default: null }) deletedAt: Date | null;
}

@Schema({ collection: 'conversations' })
export class Conversation {
  @Prop({ type: String, default: 'direct' }) kind: 'direct';
  /** "<smaller id>:<larger id>": one direct conversation per pair. */
  @Prop({ required: true }) pairKey: string;
  @Prop({ type: [SchemaTypes.ObjectId], required: true }) participants: Types.ObjectId[];
  /** The last seq handed out to a message of this conversation (see ConversationsService.nextSeq). */
  @Prop({ type: Number, default: 0 }) lastSeq: number;
  /** Participants who have written here. With DIRECT_MESSAGES=everyone both must have, to see each other's presence. */
  @Prop({ type: [SchemaTypes.ObjectId], default: [] }) writers: Types.ObjectId[];
  @Prop({ type: LastMessage, default: null }) lastMessage: LastMessage | null;
  @Prop({ type: Date, default: () => new Date() }) lastActivityAt: Date;
  /** Per participant: messages not read yet (a counter, $inc on send, 0 on read). */
  @Prop({ type: Map, of: Number, default: () => ({}) }) unread: Map<string, number>;
  /** Per participant: the last message id they have read (what clients are told)... */
  @Prop({ type: Map, of: String, default: () => ({}) }) lastRead: Map<string, string>;
  /** ...and its seq, which is what the marker moves forward by (ids are not in message order across instances). */
  @Prop({ type: Map, of: Number, default: () => ({}) }) lastReadSeq: Map<string, number>;
  /** Per participant: the last message id their client confirmed receiving, and its seq. */
  @Prop({ type: Map, of: String, default: () => ({}) }) lastDelivered: Map<string, string>;
  @Prop({ type: Map, of: Number, default: () => ({}) }) lastDeliveredSeq: Map<string, number>;
  /** Per participant who muted it: until when (MUTED_FOREVER: until unmuted). Muted chats still count as unread. */
  @Prop({ type: Map, of: Date, default: () => ({}) }) mutedUntil: Map<string, Date>;
}

/** How "muted until unmuted" is stored: a date no clock reaches, so one comparison serves both kinds of mute. */
export const MUTED_FOREVER = new Date('9999-12-31T23:59:59.999Z');

export type ConversationDocument = HydratedDocument<Conversation>;
export const ConversationSchema = SchemaFactory.createForClass(Conversation);

// Get-or-create of the pair's conversation.
ConversationSchema.index({ pairKey: 1 }, { unique: true });
// A user's chat list by last activity.
ConversationSchema.index({ participants: 1, lastActivityAt: -1, _id: -1 });
