import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import { decodeCursor, encodeCursor } from '../common/cursor';
import type { ConversationView, MessageView } from '../contracts/messages';
import type { UnreadConversation, UnreadCounts } from '../contracts/service-tokens';
import type { Page } from '../contracts/users';
import { BlocksService } from '../friends/blocks.service';
import { FriendsService } from '../friends/friends.service';
import { pairKey } from '../friends/pair-key';
import { PresenceRegistry } from '../presence/presence.registry';
import { PresenceAudience } from '../presence/presence-audience';
import { toPublicUser } from '../users/user.mapper';
import type { UserRef } from '../users/user-ref';
import { UsersService } from '../users/users.service';
import { type ConversationRef, otherParticipant } from './conversation-ref';
import {
  firstReadableSeq,
  formerMember,
  isMuted,
  mayReadSeq,
  peopleIn,
  previewHiddenFor,
  previewKey,
  readableRange,
  toConversationView,
  type ViewContext,
} from './conversation-view';
import { toLastMessage, toMessageView } from './message.mapper';
import { Conversation, type ConversationDocument, MUTED_FOREVER } from './schemas/conversation.schema';
import { Message, type MessageDocument } from './schemas/message.schema';

const MAX_CACHED_FACTS = 50_000;

/** The seqs of a conversation someone may read: all of a direct one; a group's from their joining to their leaving. */
export interface ReadableRange {
  conversation: ConversationDocument;
  fromSeq: number;
  toSeq: number | null;
}

@Injectable()
export class ConversationsService {
  /**
   * What never changes of a conversation: that it is a group (whose members are checked by each seq write), or the
   * two people of a direct one.
   */
  private readonly sendingFacts = new Map<string, 'group' | Types.ObjectId[]>();

  constructor(
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly friends: FriendsService,
    private readonly blocks: BlocksService,
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
    return this.viewFor(conversation!, me);
  }

  /** One conversation as `me` sees it. */
  async viewFor(conversation: ConversationDocument, me: string): Promise<ConversationView> {
    return toConversationView(conversation, me, await this.contextFor(me, [conversation]));
  }

  /**
   * A group as each of its members sees it (their unread count and mute differ; a group's view shows no presence,
   * which stays between friends), for `conversation:updated`.
   */
  async groupViewsFor(conversation: ConversationDocument, userIds: string[]): Promise<Map<string, ConversationView>> {
    const [people, previews] = await Promise.all([
      this.peopleOf([conversation], userIds),
      this.previewsOf([conversation], userIds),
    ]);
    const context = { people, sees: new Set<string>(), online: new Set<string>(), previews };
    return new Map(userIds.map((userId) => [userId, toConversationView(conversation, userId, context)]));
  }

  /**
   * The chat list, most recent activity first, each with the preview and this user's unread count; groups they
   * left or were removed from among them, read-only, at the time they left (see toConversationView).
   */
  async list(me: string, cursor: string | undefined, limit = 30): Promise<Page<ConversationView>> {
    const after = cursor ? parseListCursor(cursor) : null;
    const [current, former] = await Promise.all([this.currentOf(me, after, limit + 1), this.formerOf(me, after)]);
    const rows = [...current.map((conversation) => ({ conversation, at: conversation.lastActivityAt })), ...former]
      .sort(
        (a, b) =>
          b.at.getTime() - a.at.getTime() || b.conversation._id.toString().localeCompare(a.conversation._id.toString()),
      )
      .slice(0, limit + 1);
    const page = rows.slice(0, limit);
    const documents = page.map((row) => row.conversation);
    const [context, leavingLines] = await Promise.all([
      this.contextFor(me, documents),
      this.leavingLinesOf(
        me,
        documents.filter((c) => c.kind === 'group' && formerMember(c, me)),
      ),
    ]);
    const items = documents.map((c) => toConversationView(c, me, { ...context, leavingLines }));
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit ? encodeCursor(`${last.at.toISOString()}|${last.conversation._id.toString()}`) : null;
    return { items, nextCursor };
  }

  /** A page of the conversations I am in now, by activity (the participants index). */
  private currentOf(me: string, after: ListCursor | null, limit: number): Promise<ConversationDocument[]> {
    return this.conversations
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
      .limit(limit)
      .exec();
  }

  /**
   * The groups I left or was removed from, before the cursor, with when I left (their place in the list). All of
   * them (the members index finds them): as many as the groups one has left, and ordered by a time kept per member.
   */
  private async formerOf(
    me: string,
    after: ListCursor | null,
  ): Promise<{ conversation: ConversationDocument; at: Date }[]> {
    const rows = await this.conversations
      .find({ members: trusted({ $elemMatch: { userId: new Types.ObjectId(me), leftSeq: { $gte: 1 } } }) })
      .exec();
    return rows
      .map((conversation) => ({ conversation, at: formerMember(conversation, me)!.leftAt! }))
      .filter(
        ({ conversation, at }) =>
          !after ||
          at.getTime() < after.at.getTime() ||
          (at.getTime() === after.at.getTime() && conversation._id.toString() < after.id.toString()),
      );
  }

  /** The lines that removed me from the given groups (each a former one's last message), by conversation id. */
  private async leavingLinesOf(me: string, former: ConversationDocument[]): Promise<Map<string, MessageView>> {
    if (former.length === 0) return new Map();
    const lines = await this.messages
      .find({
        $or: former.map((conversation) => ({
          conversationId: conversation._id,
          seq: formerMember(conversation, me)!.leftSeq!,
        })),
      })
      .lean()
      .exec();
    return new Map(lines.map((line) => [line.conversationId.toString(), toMessageView(line)]));
  }

  /** Where the user has unread messages, most recent activity first, with who each conversation is with. */
  async unreadOf(userId: string): Promise<UnreadCounts> {
    const rows = await this.conversations
      .find(
        { participants: new Types.ObjectId(userId), [`unread.${userId}`]: trusted({ $gt: 0 }) },
        { kind: 1, name: 1, participants: 1, unread: 1 },
      )
      .sort({ lastActivityAt: -1, _id: -1 })
      .exec();
    const direct = rows.filter((c) => c.kind !== 'group');
    const people = await this.users.findManyByIds(direct.map((c) => otherParticipant(c, userId)));
    const byId = new Map(people.map((user) => [user._id.toString(), user]));
    const conversations = rows.flatMap((c): UnreadConversation[] => {
      const unread = c.unread?.get(userId) ?? 0;
      const conversationId = c._id.toString();
      if (c.kind === 'group') return [{ conversationId, name: c.name ?? '', unread }];
      const other = byId.get(otherParticipant(c, userId));
      return other ? [{ conversationId, with: toPublicUser(other), unread }] : [];
    });
    return { userId, total: conversations.reduce((sum, c) => sum + c.unread, 0), conversations };
  }

  /** A conversation the caller takes part in now: 404 when it doesn't exist, 403 when they are not (or no longer) in it. */
  async getForParticipant(me: string, conversationId: string): Promise<ConversationDocument> {
    const conversation = await this.findById(conversationId);
    if (!conversation.participants.some((p) => p.toString() === me)) throw notParticipant();
    return conversation;
  }

  /**
   * A group's members and seqs that `me` may read: a current member from the line that added them on (from the
   * start when the group shares its history), a former one up to the line that removed them (keeping what they had,
   * getting nothing newer). 404 unknown, 403 never a member.
   */
  async getReadableRange(me: string, conversationId: string): Promise<ReadableRange> {
    const conversation = await this.findById(conversationId);
    const range = readableRange(conversation, me);
    if (!range) throw notParticipant();
    return { conversation, ...range };
  }

  /**
   * Every conversation `me` is or was in, with the seqs they may read of it (see getReadableRange): the direct ones
   * and groups they are in (the participants index), and groups they left (the members index).
   */
  async readableRangesOf(me: string): Promise<ReadableRange[]> {
    const id = new Types.ObjectId(me);
    const rows = await this.conversations
      .find(
        { $or: [{ participants: id }, { 'members.userId': id }] },
        { kind: 1, participants: 1, members: 1, newMembersSeeHistory: 1 },
      )
      .exec();
    return rows.flatMap((conversation) => {
      const range = readableRange(conversation, me);
      return range ? [{ conversation, ...range }] : [];
    });
  }

  /**
   * Whom my typing and receipts in the conversation reach: its other current members, but not those who blocked me
   * (they still share a group with me, but hear nothing of me beyond my messages).
   */
  async othersHearing(conversation: ConversationDocument, me: string): Promise<string[]> {
    const others = conversation.participants.map(String).filter((id) => id !== me);
    return this.blocks.notBlocking(me, others);
  }

  /** Whether `me` may read the group message at `seq` (its media, see MediaService.getReadable). */
  async mayReadSeq(me: string, conversationId: string, seq: number): Promise<boolean> {
    const conversation = await this.conversations
      .findById(conversationId, { kind: 1, members: 1, newMembersSeeHistory: 1 })
      .exec();
    return conversation?.kind === 'group' && mayReadSeq(conversation, me, seq);
  }

  /**
   * What the send path checks before taking a seq: the kind, and for a direct conversation its two people (cached:
   * they never change). A group's membership is checked by the seq write itself (see nextSeq), so a send to a
   * known group costs no read here. 404 unknown, 403 not in it (when read).
   */
  async getForSending(me: string, conversationId: string): Promise<ConversationRef> {
    const _id = new Types.ObjectId(conversationId);
    const cached = this.sendingFacts.get(conversationId);
    if (cached === 'group') return { _id, kind: 'group', participants: [] };
    if (cached) {
      if (!cached.some((p) => p.toString() === me)) throw notParticipant();
      return { _id, kind: 'direct', participants: cached };
    }
    const conversation = await this.getForParticipant(me, conversationId);
    if (this.sendingFacts.size > MAX_CACHED_FACTS) this.sendingFacts.clear();
    this.sendingFacts.set(conversationId, conversation.kind === 'group' ? 'group' : conversation.participants);
    return { _id, kind: conversation.kind, participants: conversation.participants };
  }

  /**
   * The next seq of the conversation: one atomic $inc on its document, so every instance gets a different, larger
   * number. Its filter is the authorization: only a current participant gets one, so a member removed a moment ago
   * is refused (403) and every message after the removal's seq reaches only the members left; the participants
   * returned are the ones at this seq, the audience of the message. Taken right before the insert; a process that
   * dies in between leaves the number unused (a gap, which history pages wait out, see MessageHistoryService). The
   * same write records the sender as a writer; `answered` tells that this is the first message of someone joining a
   * conversation the other person started.
   */
  async nextSeq(
    conversationId: Types.ObjectId,
    senderId: Types.ObjectId,
  ): Promise<{ seq: number; answered: boolean; participants: Types.ObjectId[] }> {
    const before = await this.conversations
      .findOneAndUpdate(
        { _id: conversationId, participants: senderId },
        { $inc: { lastSeq: 1 }, $addToSet: { writers: senderId } },
        { new: false, projection: { lastSeq: 1, writers: 1, participants: 1 } },
      )
      .lean()
      .exec();
    if (!before) {
      await this.getForParticipant(senderId.toString(), conversationId.toString());
      throw notParticipant(); // in it a moment ago, no longer
    }
    const writers = before.writers ?? [];
    return {
      seq: (before.lastSeq ?? 0) + 1,
      answered: writers.length > 0 && !writers.some((writer) => writer.equals(senderId)),
      participants: before.participants,
    };
  }

  /**
   * Counts the message as unread for its recipients (see unreadCount) and moves the preview forward (never
   * backward); the activity time moves with whichever of the two applies. Usually both apply: one update does them
   * together. Only a message that lands late (an older one than the preview, or one its direct recipient has read
   * past already) takes the two conditional updates separately.
   */
  async applyMessage(conversation: ConversationRef, message: MessageDocument): Promise<void> {
    const activity = { $max: { lastActivityAt: message.createdAt } };
    const unread = message.kind === 'system' ? null : this.unreadCount(conversation, message);
    const previewIsOlder = {
      $or: [{ lastMessage: null }, { 'lastMessage.seq': trusted({ $lte: message.seq }) }],
    };
    const movePreview = { $set: { lastMessage: toLastMessage(message) } };
    const filter = unread?.filter ? { $and: [previewIsOlder, unread.filter] } : previewIsOlder;
    const both = await this.conversations
      .updateOne(
        { _id: conversation._id, ...filter },
        { ...movePreview, ...(unread ? { $inc: unread.inc } : {}), ...activity },
      )
      .exec();
    if (both.matchedCount === 1) return;
    await Promise.all([
      unread &&
        this.conversations
          .updateOne({ _id: conversation._id, ...unread.filter }, { $inc: unread.inc, ...activity })
          .exec(),
      this.conversations
        .updateOne({ _id: conversation._id, ...previewIsOlder }, { ...movePreview, ...activity })
        .exec(),
    ]);
  }

  /**
   * A group's message counts as unread for every member it reached but its sender (at most GROUP_MAX_MEMBERS
   * counters); unlike a direct message, without checking each one's read marker, which a single update cannot do
   * per member: a member who read past it before this lands counts it once too many. A direct message counts for
   * its recipient unless they have read past it already.
   */
  private unreadCount(
    conversation: ConversationRef,
    message: MessageDocument,
  ): { filter?: Record<string, unknown>; inc: Record<string, number> } {
    const sender = message.senderId.toString();
    if (conversation.kind === 'group') {
      const recipients = conversation.participants.map(String).filter((id) => id !== sender);
      return { inc: Object.fromEntries(recipients.map((id) => [`unread.${id}`, 1])) };
    }
    const recipient = otherParticipant(conversation, sender);
    const readSeq = `lastReadSeq.${recipient}`;
    return {
      filter: { $or: [{ [readSeq]: trusted({ $exists: false }) }, { [readSeq]: trusted({ $lt: message.seq }) }] },
      inc: { [`unread.${recipient}`]: 1 },
    };
  }

  /** Mutes the conversation for me until `until` (null: until I unmute it); 404/403 like any of its routes. */
  async setMute(me: string, conversationId: string, until: Date | null): Promise<void> {
    await this.getForParticipant(me, conversationId);
    await this.conversations
      .updateOne({ _id: conversationId }, { $set: { [`mutedUntil.${me}`]: until ?? MUTED_FOREVER } })
      .exec();
  }

  async unmute(me: string, conversationId: string): Promise<void> {
    await this.getForParticipant(me, conversationId);
    await this.conversations.updateOne({ _id: conversationId }, { $unset: { [`mutedUntil.${me}`]: 1 } }).exec();
  }

  /**
   * What notifications need to know of a conversation for one participant: still unread, muted now, and who it is
   * with (the other person of a direct conversation; a group's name).
   */
  async notificationStateOf(
    userId: string,
    conversationId: string,
  ): Promise<{ unread: number; muted: boolean; otherId: string | null; groupName: string | null } | null> {
    const conversation = await this.conversations
      .findById(conversationId, {
        kind: 1,
        name: 1,
        participants: 1,
        [`unread.${userId}`]: 1,
        [`mutedUntil.${userId}`]: 1,
      })
      .exec();
    if (!conversation?.participants.some((p) => p.toString() === userId)) return null;
    const group = conversation.kind === 'group';
    return {
      unread: conversation.unread?.get(userId) ?? 0,
      muted: isMuted(conversation.mutedUntil?.get(userId)),
      otherId: group ? null : otherParticipant(conversation, userId),
      groupName: group ? (conversation.name ?? '') : null,
    };
  }

  /**
   * The messages of a group `userId` has not read, without those from people they blocked (which they see collapsed,
   * and a missed-message e-mail does not count) and those they deleted for themselves: the unread counter when they
   * blocked nobody, else counted on the messages after their read marker (the {conversationId, seq} index; as many
   * as are unread).
   */
  async unreadWithoutBlocked(userId: string, conversationId: string): Promise<number> {
    const [conversation, blocked] = await Promise.all([
      this.conversations
        .findById(conversationId, { members: 1, newMembersSeeHistory: 1, unread: 1, lastReadSeq: 1 })
        .exec(),
      this.blocks.blockedBy(userId),
    ]);
    const member = conversation?.members?.find((m) => m.userId.toString() === userId);
    if (!conversation || !member) return 0;
    const unread = conversation.unread?.get(userId) ?? 0;
    if (blocked.length === 0 || unread === 0) return unread;
    const readSeq = Math.max(conversation.lastReadSeq?.get(userId) ?? 0, firstReadableSeq(conversation, member) - 1);
    return this.messages
      .countDocuments({
        conversationId: conversation._id,
        seq: trusted({ $gt: readSeq }),
        kind: trusted({ $ne: 'system' }),
        senderId: trusted({ $nin: [userId, ...blocked].map((id) => new Types.ObjectId(id)) }),
        hiddenFor: trusted({ $ne: new Types.ObjectId(userId) }),
      })
      .exec();
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

  /** The people the viewer's conversations show, and whose presence among them the viewer sees. */
  private async contextFor(me: string, conversations: ConversationDocument[]): Promise<ViewContext> {
    const [people, audience, previews] = await Promise.all([
      this.peopleOf(conversations, [me]),
      this.audience.of(me),
      this.previewsOf(conversations, [me]),
    ]);
    const sees = new Set(audience);
    const online = new Set(await this.presence.onlineAmong([...people.keys()].filter((id) => sees.has(id))));
    return { people, sees, online, previews };
  }

  /**
   * The previews of viewers who deleted a conversation's latest message for themselves: the latest message they
   * still see in what they may read (the {conversationId, seq} index; rare, so one query each).
   */
  private async previewsOf(conversations: ConversationDocument[], viewers: string[]) {
    const wanted = conversations.flatMap((c) =>
      viewers.filter((viewer) => previewHiddenFor(c, viewer)).map((viewer) => ({ c, viewer })),
    );
    const entries = await Promise.all(
      wanted.map(async ({ c, viewer }) => {
        const { fromSeq, toSeq } = readableRange(c, viewer) ?? { fromSeq: 0, toSeq: null };
        const latest = await this.messages
          .findOne({
            conversationId: c._id,
            seq: trusted({ $gte: fromSeq, ...(toSeq === null ? {} : { $lte: toSeq }) }),
            hiddenFor: trusted({ $ne: new Types.ObjectId(viewer) }),
          })
          .sort({ seq: -1 })
          .lean()
          .exec();
        return [previewKey(c._id.toString(), viewer), latest ? toMessageView(latest) : null] as const;
      }),
    );
    return new Map(entries);
  }

  /**
   * After `reader` deleted a message for themselves: it no longer counts as unread for them (when it did), and their
   * chat list previews another message when it was the latest.
   */
  async forgetForReader(conversation: ConversationDocument, message: MessageDocument, reader: string): Promise<void> {
    const readSeq = `lastReadSeq.${reader}`;
    const unread = `unread.${reader}`;
    const countedUnread = message.kind !== 'system' && message.senderId.toString() !== reader;
    await Promise.all([
      countedUnread
        ? this.conversations
            .updateOne(
              {
                _id: conversation._id,
                [unread]: trusted({ $gt: 0 }),
                $or: [{ [readSeq]: trusted({ $exists: false }) }, { [readSeq]: trusted({ $lt: message.seq }) }],
              },
              { $inc: { [unread]: -1 } },
            )
            .exec()
        : null,
      this.conversations
        .updateOne(
          { _id: conversation._id, 'lastMessage.id': message._id },
          { $addToSet: { 'lastMessage.hiddenFor': new Types.ObjectId(reader) } },
        )
        .exec(),
    ]);
  }

  /** The conversations any of the users takes or took part in (the participants and members indexes). */
  async idsWithAnyOf(userIds: Types.ObjectId[]): Promise<Types.ObjectId[]> {
    if (userIds.length === 0) return [];
    const rows = await this.conversations
      .find(
        { $or: [{ participants: trusted({ $in: userIds }) }, { 'members.userId': trusted({ $in: userIds }) }] },
        { _id: 1 },
      )
      .lean()
      .exec();
    return rows.map((row) => row._id);
  }

  /** Messages removed for good (retention): a chat list no longer previews them. */
  async dropPreviews(messageIds: Types.ObjectId[]): Promise<void> {
    await this.conversations
      .updateMany({ 'lastMessage.id': trusted({ $in: messageIds }) }, { $set: { lastMessage: null } })
      .exec();
  }

  /** Media removed from messages (an erased account's): a chat list no longer names their files. */
  async dropPreviewMedia(messageIds: Types.ObjectId[]): Promise<void> {
    await this.conversations
      .updateMany({ 'lastMessage.id': trusted({ $in: messageIds }) }, { $set: { 'lastMessage.media': null } })
      .exec();
  }

  /** The people the conversations show their viewers (in a group, who its members are and were). */
  private async peopleOf(conversations: Conversation[], viewers: string[]) {
    const ids = [...new Set(conversations.flatMap((c) => viewers.flatMap((viewer) => peopleIn(c, viewer))))];
    const users = await this.users.findManyByIds(ids);
    return new Map(users.map((user) => [user._id.toString(), user]));
  }

  /** 404 when it does not exist; no membership check (for what the server itself does to a conversation). */
  async findById(conversationId: string): Promise<ConversationDocument> {
    const conversation = Types.ObjectId.isValid(conversationId)
      ? await this.conversations.findById(conversationId).exec()
      : null;
    if (!conversation)
      throw new NotFoundException({ message: 'Conversation not found', code: 'conversation_not_found' });
    return conversation;
  }
}

export const notParticipant = () =>
  new ForbiddenException({ message: 'You are not part of this conversation', code: 'not_participant' });

interface ListCursor {
  at: Date;
  id: Types.ObjectId;
}

function parseListCursor(cursor: string): ListCursor {
  const [at, id] = decodeCursor(cursor).split('|');
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || !Types.ObjectId.isValid(id)) {
    throw new BadRequestException({ message: 'cursor is invalid', code: 'invalid_cursor' });
  }
  return { at: date, id: new Types.ObjectId(id) };
}
