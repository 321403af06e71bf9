import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import { decodeCursor, encodeCursor } from '../common/cursor';
import type { ConversationView } from '../contracts/messages';
import type { UnreadCounts } from '../contracts/service-tokens';
import type { Page } from '../contracts/users';
import { FriendsService } from '../friends/friends.service';
import { pairKey } from '../friends/pair-key';
import { PresenceRegistry } from '../presence/presence.registry';
import { PresenceAudience } from '../presence/presence-audience';
import type { UserDocument } from '../users/schemas/user.schema';
import { toPublicUser } from '../users/user.mapper';
import type { UserRef } from '../users/user-ref';
import { UsersService } from '../users/users.service';
import { type ConversationRef, otherParticipant } from './conversation-ref';
import { lastMessageView, toLastMessage } from './message.mapper';
import { Conversation, type ConversationDocument, MUTED_FOREVER } from './schemas/conversation.schema';
import type { MessageDocument } from './schemas/message.schema';

const MAX_CACHED_PARTICIPANTS = 50_000;

@Injectable()
export class ConversationsService {
  private readonly participantsCache = new Map<string, Types.ObjectId[]>();

  constructor(
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
    private readonly friends: FriendsService,
    private readonly users: UsersService,
    private readonly presence: PresenceRegistry,
    private readonly audience: PresenceAudience,
  ) {}

  /**
   * The direct conversation with someone I may message (a friend; anyone active with DIRECT_MESSAGES=everyone),
   * created on first use (idempotent: one per pair). Someone named by e-mail or external id whom I may not message
   * is "not found", so the route cannot tell which addresses have accounts.
   */
  async getOrCreate(me: string, ref: UserRef): Promise<ConversationView> {
    const other = await this.users.findByRef(ref);
    const userNotFound = () => new NotFoundException({ message: 'User not found', code: 'user_not_found' });
    if (other?._id.toString() === me)
      throw new BadRequestException({ message: "You can't chat with yourself", code: 'self_conversation' });
    if (!other || other.status !== 'active') throw userNotFound();
    const otherId = other._id.toString();
    try {
      await this.friends.assertMayStartChat(me, otherId);
    } catch (error) {
      if ('email' in ref || 'externalId' in ref) throw userNotFound();
      throw error;
    }
    const key = pairKey(me, otherId);
    const participants = [new Types.ObjectId(me), new Types.ObjectId(otherId)];
    const conversation = await this.conversations
      .findOneAndUpdate(
        { pairKey: key },
        { $setOnInsert: { pairKey: key, kind: 'direct', participants, lastActivityAt: new Date() } },
        { upsert: true, new: true },
      )
      .exec();
    const sees = new Set(await this.audience.of(me));
    const online = new Set(await this.presence.onlineAmong([otherId]));
    return this.toView(conversation!, me, new Map([[otherId, other]]), sees, online);
  }

  /** The chat list, most recent activity first, each with the preview and this user's unread count. */
  async list(me: string, cursor: string | undefined, limit = 30): Promise<Page<ConversationView>> {
    const after = cursor ? parseListCursor(cursor) : null;
    const rows = await this.conversations
      .find({
        participants: new Types.ObjectId(me),
        ...(after
          ? {
              $or: [
                { lastActivityAt: trusted({ $lt: after.at }) },
                { lastActivityAt: after.at, _id: trusted({ $lt: after.id }) },
              ],
            }
          : {}),
      })
      .sort({ lastActivityAt: -1, _id: -1 })
      .limit(limit + 1)
      .exec();
    const page = rows.slice(0, limit);
    const otherIds = page.map((c) => otherParticipant(c, me));
    const [people, audience] = await Promise.all([this.users.findManyByIds(otherIds), this.audience.of(me)]);
    const byId = new Map(people.map((user) => [user._id.toString(), user]));
    const sees = new Set(audience);
    const online = new Set(await this.presence.onlineAmong(otherIds.filter((id) => sees.has(id))));
    const items = page.map((c) => this.toView(c, me, byId, sees, online));
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit ? encodeCursor(`${last.lastActivityAt.toISOString()}|${last._id.toString()}`) : null;
    return { items, nextCursor };
  }

  /** Where the user has unread messages, most recent activity first, with who each conversation is with. */
  async unreadOf(userId: string): Promise<UnreadCounts> {
    const rows = await this.conversations
      .find(
        { participants: new Types.ObjectId(userId), [`unread.${userId}`]: trusted({ $gt: 0 }) },
        { participants: 1, unread: 1 },
      )
      .sort({ lastActivityAt: -1, _id: -1 })
      .exec();
    const people = await this.users.findManyByIds(rows.map((c) => otherParticipant(c, userId)));
    const byId = new Map(people.map((user) => [user._id.toString(), user]));
    const conversations = rows.flatMap((c) => {
      const other = byId.get(otherParticipant(c, userId));
      const unread = c.unread?.get(userId) ?? 0;
      return other ? [{ conversationId: c._id.toString(), with: toPublicUser(other), unread }] : [];
    });
    return { userId, total: conversations.reduce((sum, c) => sum + c.unread, 0), conversations };
  }

  /** A conversation the caller takes part in: 404 when it doesn't exist, 403 when it isn't theirs. */
  async getForParticipant(me: string, conversationId: string): Promise<ConversationDocument> {
    const conversation = Types.ObjectId.isValid(conversationId)
      ? await this.conversations.findById(conversationId).exec()
      : null;
    if (!conversation)
      throw new NotFoundException({ message: 'Conversation not found', code: 'conversation_not_found' });
    if (!conversation.participants.some((p) => p.toString() === me)) {
      throw new ForbiddenException({ message: 'You are not part of this conversation', code: 'not_participant' });
    }
    return conversation;
  }

  /**
   * The participants of a conversation the caller is in, for the send path: cached, since they never change
   * (404 unknown, 403 not a participant, like getForParticipant).
   */
  async getRefForParticipant(me: string, conversationId: string): Promise<ConversationRef> {
    let participants = this.participantsCache.get(conversationId);
    if (!participants) {
      participants = (await this.getForParticipant(me, conversationId)).participants;
      if (this.participantsCache.size > MAX_CACHED_PARTICIPANTS) this.participantsCache.clear();
      this.participantsCache.set(conversationId, participants);
    }
    if (!participants.some((p) => p.toString() === me)) {
      throw new ForbiddenException({ message: 'You are not part of this conversation', code: 'not_participant' });
    }
    return { _id: new Types.ObjectId(conversationId), participants };
  }

  /**
   * The next seq of the conversation: one atomic $inc on its document, so every instance gets a different, larger
   * number. Taken right before the insert; a process that dies in between leaves the number unused (a gap, which
   * history pages wait out, see MessageHistoryService). The same write records the sender as a writer; `answered`
   * tells that this is the first message of someone joining a conversation the other person started.
   */
  async nextSeq(conversationId: Types.ObjectId, senderId: Types.ObjectId): Promise<{ seq: number; answered: boolean }> {
    const before = await this.conversations
      .findOneAndUpdate(
        { _id: conversationId },
        { $inc: { lastSeq: 1 }, $addToSet: { writers: senderId } },
        { new: false, projection: { lastSeq: 1, writers: 1 } },
      )
      .lean()
      .exec();
    if (!before) throw new NotFoundException({ message: 'Conversation not found', code: 'conversation_not_found' });
    const writers = before.writers ?? [];
    return {
      seq: (before.lastSeq ?? 0) + 1,
      answered: writers.length > 0 && !writers.some((writer) => writer.equals(senderId)),
    };
  }

  /**
   * Counts the message as unread for the recipient unless they have read past it already (a message that lands
   * late, after a newer one was read), and moves the preview forward (never backward). The activity time moves
   * with whichever of the two applies; a message that is neither newer than the preview nor unread is older than
   * one that already moved it.
   */
  async applyMessage(conversation: ConversationRef, message: MessageDocument): Promise<void> {
    const recipient = otherParticipant(conversation, message.senderId.toString());
    const readSeq = `lastReadSeq.${recipient}`;
    const activity = { $max: { lastActivityAt: message.createdAt } };
    const countAsUnread = this.conversations
      .updateOne(
        {
          _id: conversation._id,
          $or: [{ [readSeq]: trusted({ $exists: false }) }, { [readSeq]: trusted({ $lt: message.seq }) }],
        },
        { $inc: { [`unread.${recipient}`]: 1 }, ...activity },
      )
      .exec();
    const movePreview = this.conversations
      .updateOne(
        { _id: conversation._id, $or: [{ lastMessage: null }, { 'lastMessage.seq': trusted({ $lte: message.seq }) }] },
        { $set: { lastMessage: toLastMessage(message) }, ...activity },
      )
      .exec();
    await Promise.all([countAsUnread, movePreview]);
  }

  /** Mutes the conversation for me until `until` (null: until I unmute it); 404/403 like any of its routes. */
  async setMute(me: string, conversationId: string, until: Date | null): Promise<void> {
    await this.getRefForParticipant(me, conversationId);
    await this.conversations
      .updateOne({ _id: conversationId }, { $set: { [`mutedUntil.${me}`]: until ?? MUTED_FOREVER } })
      .exec();
  }

  async unmute(me: string, conversationId: string): Promise<void> {
    await this.getRefForParticipant(me, conversationId);
    await this.conversations.updateOne({ _id: conversationId }, { $unset: { [`mutedUntil.${me}`]: 1 } }).exec();
  }

  /** What notifications need to know of a conversation for one participant: still unread, muted now. */
  async notificationStateOf(
    userId: string,
    conversationId: string,
  ): Promise<{ unread: number; muted: boolean; otherId: string } | null> {
    const conversation = await this.conversations
      .findById(conversationId, { participants: 1, [`unread.${userId}`]: 1, [`mutedUntil.${userId}`]: 1 })
      .exec();
    if (!conversation?.participants.some((p) => p.toString() === userId)) return null;
    return {
      unread: conversation.unread?.get(userId) ?? 0,
      muted: isMuted(conversation.mutedUntil?.get(userId)),
      otherId: otherParticipant(conversation, userId),
    };
  }

  /** After an edit or delete of the latest message, the preview follows. */
  async refreshPreview(message: MessageDocument): Promise<void> {
    await this.conversations
      .updateOne(
        { _id: message.conversationId, 'lastMessage.id': message._id },
        { $set: { lastMessage: toLastMessage(message) } },
      )
      .exec();
  }

  private toView(
    conversation: ConversationDocument,
    me: string,
    people: Map<string, UserDocument>,
    /** Whose presence `me` sees (PresenceAudience: the rule is symmetric). */
    sees: Set<string>,
    online: Set<string>,
  ): ConversationView {
    const otherId = otherParticipant(conversation, me);
    const other = people.get(otherId);
    const participant = other
      ? {
          ...toPublicUser(other),
          ...(sees.has(otherId)
            ? { online: online.has(otherId), lastSeenAt: other.lastSeenAt?.toISOString() ?? null }
            : {}),
        }
      : { id: otherId, username: 'deleted', displayName: 'Deleted user', avatarUrl: null, bio: '', deleted: true };
    const id = conversation._id.toString();
    return {
      id,
      kind: 'direct',
      participant,
      lastMessage: conversation.lastMessage ? lastMessageView(conversation.lastMessage, id) : null,
      lastActivityAt: conversation.lastActivityAt.toISOString(),
      unread: conversation.unread?.get(me) ?? 0,
      ...receiptsOf(conversation, otherId, other?.settings?.readReceipts !== false),
      ...muteOf(conversation.mutedUntil?.get(me)),
    };
  }
}

const isMuted = (until: Date | undefined): boolean => !!until && until.getTime() > Date.now();

function muteOf(until: Date | undefined): { muted: boolean; mutedUntil: string | null } {
  if (!isMuted(until)) return { muted: false, mutedUntil: null };
  return { muted: true, mutedUntil: until!.getTime() === MUTED_FOREVER.getTime() ? null : until!.toISOString() };
}

/** What the other participant has received and read, as message ids with their seqs; reads only if they share them. */
function receiptsOf(conversation: ConversationDocument, otherId: string, sharesReads: boolean) {
  const delivered = conversation.lastDelivered?.get(otherId) ?? null;
  const read = sharesReads ? (conversation.lastRead?.get(otherId) ?? null) : null;
  return {
    deliveredUpTo: delivered,
    deliveredUpToSeq: delivered ? (conversation.lastDeliveredSeq?.get(otherId) ?? null) : null,
    readUpTo: read,
    readUpToSeq: read ? (conversation.lastReadSeq?.get(otherId) ?? null) : null,
  };
}

function parseListCursor(cursor: string): { at: Date; id: Types.ObjectId } {
  const [at, id] = decodeCursor(cursor).split('|');
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || !Types.ObjectId.isValid(id)) {
    throw new BadRequestException({ message: 'cursor is invalid', code: 'invalid_cursor' });
  }
  return { at: date, id: new Types.ObjectId(id) };
}
