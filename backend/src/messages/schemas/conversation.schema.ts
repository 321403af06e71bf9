import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

import type { ConversationKind, GroupRole, MessageKind, SystemEventKind } from '../../contracts/messages';
import { MessageMedia, MessageSystem } from './message.schema';

/** What the chat list shows of the latest message. */
@Schema({ _id: false })
export class LastMessage {
  @Prop({ type: SchemaTypes.ObjectId, required: true }) id: Types.ObjectId;
  @Prop({ type: Number, required: true }) seq: number;
  @Prop({ type: SchemaTypes.ObjectId, required: true }) senderId: Types.ObjectId;
  @Prop({ required: true }) clientId: string;
  @Prop({ type: String, required: true }) kind: MessageKind;
  @Prop({ type: String, default: null }) text: string | null;
  /** Its file, picture or audio: the chat list shows a document's name ("📄 report.pdf") as it did live. */
  @Prop({ type: MessageMedia, default: null }) media: MessageMedia | null;
  @Prop({ type: Date, required: true }) createdAt: Date;
  @Prop({ type: Date, default: null }) editedAt: Date | null;
  @Prop({ type: Date, default: null }) deletedAt: Date | null;
  /** A group's system line: what it tells. */
  @Prop({ type: MessageSystem, default: undefined }) system?: MessageSystem;
  /** Who deleted it for themselves: their chat list shows the latest message they still see instead. */
  @Prop({ type: [SchemaTypes.ObjectId], default: undefined }) hiddenFor?: Types.ObjectId[];
}

/**
 * Someone who is or was in a group. What they may read is the seqs from `joinedSeq` (the line that added them) to
 * `leftSeq` (the line that removed them, or their leaving), both set in the same write as that line's seq.
 */
@Schema({ _id: false })
export class Member {
  @Prop({ type: SchemaTypes.ObjectId, required: true }) userId: Types.ObjectId;
  @Prop({ type: String, required: true }) role: GroupRole;
  @Prop({ type: Date, required: true }) joinedAt: Date;
  @Prop({ type: Number, required: true }) joinedSeq: number;
  @Prop({ type: Date, default: null }) leftAt: Date | null;
  @Prop({ type: Number, default: null }) leftSeq: number | null;
  /** The group's name and picture when they left: a former member learns nothing from after. */
  @Prop({ type: String, default: undefined }) nameWhenLeft?: string;
  @Prop({ type: SchemaTypes.ObjectId, default: undefined }) avatarWhenLeft?: Types.ObjectId | null;
}

/** A system line a group change took the seq of, stored in the same write as the change until it is told. */
@Schema({ _id: false })
export class UntoldLine {
  @Prop({ type: Number, required: true }) seq: number;
  @Prop({ type: String, required: true }) event: SystemEventKind;
  @Prop({ type: SchemaTypes.ObjectId, required: true }) actorId: Types.ObjectId;
  @Prop({ type: [SchemaTypes.ObjectId], default: undefined }) targetIds?: Types.ObjectId[];
  @Prop({ type: String, default: undefined }) name?: string;
}

/**
 * A group change whose lines are not all stored and told yet (see GroupsService.change): written with the change,
 * cleared once told, so a process dying in between leaves it for the next change or the next start to finish.
 */
@Schema({ _id: false })
export class UntoldChange {
  @Prop({ type: Date, required: true }) at: Date;
  @Prop({ type: [UntoldLine], required: true }) lines: UntoldLine[];
  /** Whose membership it ended (told `conversation:removed`). */
  @Prop({ type: [SchemaTypes.ObjectId], default: [] }) removed: Types.ObjectId[];
}

@Schema({ collection: 'conversations' })
export class Conversation {
  @Prop({ type: String, default: 'direct' }) kind: ConversationKind;
  /** "<smaller id>:<larger id>": one direct conversation per pair; a group's is "group:<its id>". */
  @Prop({ required: true }) pairKey: string;
  /** Who is in it now: the two people of a direct one, a group's current members. */
  @Prop({ type: [SchemaTypes.ObjectId], required: true }) participants: Types.ObjectId[];
  /** A group's name and picture (a media id). */
  @Prop({ type: String, default: undefined }) name?: string;
  @Prop({ type: SchemaTypes.ObjectId, default: undefined }) avatar?: Types.ObjectId | null;
  /** A group's members, current and former, in the order they first joined (empty for a direct conversation). */
  @Prop({ type: [Member], default: undefined }) members?: Member[];
  /** A group's setting: members added later also read what was written before they joined. */
  @Prop({ type: Boolean, default: undefined }) newMembersSeeHistory?: boolean;
  /** A group change whose system lines are not all stored and told yet. */
  @Prop({ type: UntoldChange, default: undefined }) untold?: UntoldChange | null;
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
// A user's chat list by last activity (both kinds), and every "is this user in it now" check (its prefix).
// The members of a conversation are read with it, by _id: they live in the document, bounded by GROUP_MAX_MEMBERS.
ConversationSchema.index({ participants: 1, lastActivityAt: -1, _id: -1 });
// The groups someone was removed from or left (the chat list's read-only part, see ConversationsService.list:
// $elemMatch on userId and leftSeq, so both bounds apply to the same member), and "was this user ever a member".
ConversationSchema.index({ 'members.userId': 1, 'members.leftSeq': 1 });
// The group changes a crash left untold, finished at start-up (GroupsService.onApplicationBootstrap).
ConversationSchema.index({ 'untold.at': 1 }, { sparse: true });
