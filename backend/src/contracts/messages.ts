import type { PublicUser } from './users';

/** 'system': a line of a group's timeline that tells what happened to it ("Ada added Ben"), see SystemEvent. */
export const MESSAGE_KINDS = ['text', 'image', 'video', 'file', 'audio', 'system'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
/** 'file': a document, archive or text file, offered as a download; 'audio': a recording or song, played inline. */
export const MEDIA_KINDS = ['image', 'video', 'file', 'audio'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const CONVERSATION_KINDS = ['direct', 'group'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];
export const GROUP_ROLES = ['owner', 'admin', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

/**
 * What a system line tells: the group was created (with `targetIds` as its first members), renamed (`name`), got a
 * new picture (or lost it), members were added, removed, or left, or someone's role changed (`made_owner`,
 * `made_admin`, `made_member`; a last owner leaving hands over with `made_owner`, whose actor is the one who left),
 * or members added later now see the earlier messages (`history_shared`) or no longer do (`history_hidden`).
 */
export const SYSTEM_EVENTS = [
  'created',
  'renamed',
  'picture_changed',
  'added',
  'removed',
  'left',
  'made_owner',
  'made_admin',
  'made_member',
  'history_shared',
  'history_hidden',
] as const;
export type SystemEventKind = (typeof SYSTEM_EVENTS)[number];

export class SystemEvent {
  /** @example "added" */
  declare event: SystemEventKind;
  /** Who did it (the one who left, for `left`). */
  declare actorId: string;
  /** Whom it was done to. */
  declare targetIds?: string[];
  /** The new name (`renamed`) or the name the group was created with. */
  declare name?: string;
}

/** An upload (POST /api/media): a picture, video, document or audio file, and the media of a message. */
export class MediaView {
  declare id: string;
  /** @example "image" */
  declare kind: MediaKind;
  /** The type read from the file's content. @example "image/jpeg" */
  declare mime: string;
  /** Bytes stored. */
  declare size: number;
  /** The uploaded file's name, for display only (no path, no control characters, at most 120 characters). @example "Quarterly report.pdf" */
  declare name?: string;
  declare width?: number;
  declare height?: number;
  /**
   * GET it with the access token, or from the browser with the media cookie set at sign-in.
   * @example "/api/media/665f1c2e8b3e4a1d2c9f0a11"
   */
  declare url: string;
  declare thumbUrl?: string;
}

export class MessageView {
  declare id: string;
  declare conversationId: string;
  /**
   * The message's place in its conversation, assigned by the database: strictly increasing, the order of history,
   * catch-up and display on any number of instances. Numbers may be skipped (a send that died half-way).
   */
  declare seq: number;
  declare senderId: string;
  declare clientId: string;
  /** @example "text" */
  declare kind: MessageKind;
  /** The text, or the caption of a picture or video; absent on a deleted message. */
  declare text?: string;
  declare media?: MediaView;
  /** The picture or video was deleted with its sender's account (the message and its caption stay). */
  declare mediaRemoved?: boolean;
  declare createdAt: string;
  declare editedAt?: string;
  /** Set on a deleted message, whose content is gone. */
  declare deletedAt?: string;
  /** Set on a system line (kind `system`), which has no text. */
  declare system?: SystemEvent;
  /** The message this one replies to (sent with `replyToId`). */
  declare replyTo?: ReplyQuoteView;
  /** Reactions, in the order their emoji were first used; absent when there are none. */
  declare reactions?: ReactionView[];
  /** How many times the reactions changed (as in MessageReactionsView); absent while they never did. */
  declare reactionsVersion?: number;
  /** Forwarded from another message (POST /api/messages/:id/forward). */
  declare forwarded?: boolean;
}

/**
 * History around one message (GET /api/conversations/:id/messages?around=): that message with up to half the limit
 * of older ones and the rest newer, oldest first. Page on with `before=olderCursor` and `after=newerCursor`.
 */
export class MessageWindowView {
  declare items: MessageView[];
  /** Pass as `before` for the older messages; null when this window starts at the first one the reader may see. */
  declare olderCursor: string | null;
  /** Pass as `after` for the newer messages; null when this window reaches the newest message. */
  declare newerCursor: string | null;
}

/**
 * The message a reply quotes, as it is now: its new text once edited, `deletedAt` (and no content) once deleted.
 * `text` is also absent for a reader who may not see the original (a group member who joined after it, or who deleted
 * it for themselves).
 */
export class ReplyQuoteView {
  declare id: string;
  declare senderId: string;
  /** @example "text" */
  declare kind: MessageKind;
  /** The text or caption, when it has one. */
  declare text?: string;
  declare deletedAt?: string;
}

/** One emoji on a message and who reacted with it, in the order they did. */
export class ReactionView {
  /** A single emoji. @example "👍" */
  declare emoji: string;
  declare userIds: string[];
}

/** One earlier version of an edited message: its text as it was from `at` until the next edit. */
export class MessageVersionView {
  /** The text (or caption) then; null when it had none. */
  declare text: string | null;
  /** When this version was written: the message's creation, or the edit that produced it. */
  declare at: string;
}

/** GET /api/messages/:id/history: the earlier versions, oldest first (the current one is the message itself). */
export class MessageHistoryView {
  declare messageId: string;
  declare versions: MessageVersionView[];
}

/** A current member of a group, with how far they have received and read it (reads only if they share them). */
export class GroupMemberView {
  declare userId: string;
  /** @example "member" */
  declare role: GroupRole;
  declare joinedAt: string;
  declare user: PublicUser;
  declare deliveredUpTo: string | null;
  declare deliveredUpToSeq: number | null;
  declare readUpTo: string | null;
  declare readUpToSeq: number | null;
}

/** Someone a group's timeline names who is no longer in it: they left or were removed while you could read it. */
export class FormerMemberView {
  declare userId: string;
  /** Their profile (no presence); an erased account shows as a deleted user. */
  declare user: PublicUser;
  declare leftAt: string;
}

export class ConversationView {
  declare id: string;
  /** @example "direct" */
  declare kind: ConversationKind;
  /**
   * A direct conversation's other participant; `online` / `lastSeenAt` only while you share presence (friends;
   * with DIRECT_MESSAGES=everyone, also once the conversation has had a message; never after a block).
   */
  declare participant?: PublicUser;
  /** A group's name. */
  declare name?: string;
  /** A group's picture, when it has one. */
  declare avatarUrl?: string | null;
  /** A group's current members, longest-standing first (someone re-added counts from their return). */
  declare members?: GroupMemberView[];
  /**
   * A group's former members whom its timeline names for you (so "Cleo left" keeps Cleo's name): the people who
   * left or were removed while you could read it; if you left, only those who had left before you.
   */
  declare formerMembers?: FormerMemberView[];
  /**
   * You were removed from this group or left it: read-only, with what you could see until then (`lastMessage` is
   * the line that removed you, `lastActivityAt` its time). Absent while you are a member.
   */
  declare left?: boolean;
  /** A group's setting: people added later also see the messages from before they joined (off by default). */
  declare newMembersSeeHistory?: boolean;
  declare lastMessage: MessageView | null;
  declare lastActivityAt: string;
  /** Messages you have not read yet. */
  declare unread: number;
  /** The last of your messages the other participant has received ("Delivered"); null in a group (see members). */
  declare deliveredUpTo: string | null;
  /** The seq of `deliveredUpTo`: receipts only move forward by seq. */
  declare deliveredUpToSeq: number | null;
  /** The last of your messages the other participant has read ("Seen"); null when they share no receipts. */
  declare readUpTo: string | null;
  /** The seq of `readUpTo`. */
  declare readUpToSeq: number | null;
  /** You muted it: no sound, desktop notification, push or e-mail (still counted as unread). */
  declare muted: boolean;
  /** Until when it is muted; null when not muted or muted until you unmute it. */
  declare mutedUntil: string | null;
}

export const MAX_TEXT_LENGTH = 4000;
/** The most different emoji one message carries. */
export const MAX_REACTION_EMOJI = 20;

/** A message's reactions after a change (PUT / DELETE /api/messages/:id/reactions/:emoji, socket `message:reactions`). */
export class MessageReactionsView {
  declare messageId: string;
  declare conversationId: string;
  declare reactions: ReactionView[];
  /**
   * Bumped by every change in the same update: of two views of one message, the higher version is the newer (events
   * from two instances may arrive out of order).
   */
  declare version: number;
}
