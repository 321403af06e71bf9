import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import { ExpiringCache } from '../common/expiring-cache';
import type { AllConfig } from '../config';
import type { FriendRequestStatus, FriendRequestView, FriendView } from '../contracts/friends';
import { ServerEvent } from '../contracts/socket-events';
import type { Page, PublicUser } from '../contracts/users';
import { friendshipCreatedEvent } from '../events/domain-event';
import { DomainEvents } from '../events/domain-events';
import { PresenceRegistry } from '../presence/presence.registry';
import { CacheInvalidation } from '../realtime/cache-invalidation';
import { RealtimeService } from '../realtime/realtime.service';
import { type PublicUserFields, publicUserProjection } from '../users/user.mapper';
import { UsersService } from '../users/users.service';
import { BlocksService } from './blocks.service';
import { toFriendView, toRequestView } from './friend.mapper';
import { pairKey } from './pair-key';
import { FriendRequest, type FriendRequestDocument } from './schemas/friend-request.schema';
import { Friendship } from './schemas/friendship.schema';

/**
 * How long "these two may message each other" is trusted; friendship and block changes drop it at once, and so
 * does a change of either one's status (a ban).
 */
const MAY_MESSAGE_CACHE_MS = 5_000;

const automated = () =>
  new ForbiddenException({ message: "This is an automated account; you can't reply", code: 'automated_account' });
const unavailable = () =>
  new ForbiddenException({ message: "You can't send messages to this person", code: 'recipient_unavailable' });
const notFound = () => new NotFoundException({ message: 'User not found', code: 'user_not_found' });
const requestNotFound = () => new NotFoundException({ message: 'Friend request not found', code: 'request_not_found' });

/** Why two people may not message each other: not friends (DIRECT_MESSAGES=friends), or blocked / not active. */
type Refusal = 'not_friends' | 'unavailable';

/** What the send rule knows of a pair: why they may not message each other, and which of them are service accounts. */
interface PairRule {
  refusal: Refusal | null;
  services: string[];
}

@Injectable()
export class FriendsService {
  /** Per pair key: why the two may not message each other (null: they may), and which are service accounts. */
  private readonly refusals = new ExpiringCache<PairRule>(MAY_MESSAGE_CACHE_MS);

  constructor(
    @InjectModel(FriendRequest.name) private readonly requests: Model<FriendRequest>,
    @InjectModel(Friendship.name) private readonly friendships: Model<Friendship>,
    private readonly users: UsersService,
    private readonly blocks: BlocksService,
    private readonly realtime: RealtimeService,
    private readonly presence: PresenceRegistry,
    private readonly invalidation: CacheInvalidation,
    private readonly config: ConfigService<AllConfig, true>,
    private readonly events: DomainEvents,
  ) {
    invalidation.on('relationship', (key) => this.refusals.delete(key));
    // A ban (or erasure): every pair with that person is read again.
    invalidation.on('access-state', (userId) => this.refusals.deleteWhere((key) => key.split(':').includes(userId)));
  }

  /**
   * The send rule: `me` may message `other` while both are friends (with DIRECT_MESSAGES=everyone: always), neither
   * blocked the other and both are active (banned or erased people can't be messaged), and, with
   * REQUIRE_VERIFIED_EMAIL=true, once `me` verified their address. A service account writes to anyone active
   * without being friends (it has no address to verify), and nobody writes back to one. Reading history needs none
   * of this.
   */
  async assertMayMessage(me: string, other: string): Promise<void> {
    const { refusal, services } = await this.rule(me, other);
    if (services.includes(other)) throw automated();
    if (!services.includes(me)) await this.assertVerifiedSender(me);
    if (refusal === 'not_friends') {
      throw new ForbiddenException({
        message: 'You can no longer send messages here because you are not friends',
        code: 'not_friends',
      });
    }
    if (refusal) throw unavailable();
  }

  /** With REQUIRE_VERIFIED_EMAIL=true, sending (to anyone, a group too) waits until `me` verified their address. */
  async assertVerifiedSender(me: string): Promise<void> {
    if (this.config.get('mail', { infer: true }).requireVerifiedEmail && !(await this.users.isEmailVerified(me))) {
      throw new ForbiddenException({ message: 'Verify your email address to send messages', code: 'email_unverified' });
    }
  }

  /** The same rule for opening a direct conversation (an unverified address may still open one and read it). */
  async assertMayStartChat(me: string, other: string): Promise<void> {
    const { refusal } = await this.rule(me, other);
    if (refusal === 'not_friends') {
      throw new ForbiddenException({ message: 'You can only start a chat with a friend', code: 'not_friends' });
    }
    if (refusal) throw unavailable();
  }

  /**
   * Asks `to` to be friends. Sending the same request again returns the pending one; asking someone who already
   * asked you accepts their request. `created` tells whether a new request was made.
   */
  async send(me: string, to: string): Promise<{ request: FriendRequestView; created: boolean }> {
    if (me === to)
      throw new BadRequestException({ message: "You can't send a friend request to yourself", code: 'self_request' });
    const target = await this.users.findById(to);
    if (!target || target.status !== 'active' || target.origin === 'service') throw notFound();
    if (await this.blocks.hasBlocked(me, to)) {
      throw new ConflictException({ message: 'You blocked this user; unblock them first', code: 'user_blocked' });
    }
    if (await this.blocks.hasBlocked(to, me)) throw notFound();
    if (await this.areFriends(me, to))
      throw new ConflictException({ message: 'You are already friends', code: 'already_friends' });

    for (let attempt = 0; attempt < 2; attempt++) {
      const pending = await this.requests.findOne({ pendingKey: pairKey(me, to) }).exec();
      if (pending?.from.toString() === me) return { request: await this.viewFor(pending, me), created: false };
      if (pending) return { request: await this.respond(me, pending._id.toString(), 'accepted'), created: false };
      try {
        const request = await this.requests.create({ from: me, to, pendingKey: pairKey(me, to) });
        if (await this.eitherErased(me, to)) {
          await this.requests.deleteOne({ _id: request._id }).exec();
          throw notFound();
        }
        await this.announceRequest(request);
        return { request: await this.viewFor(request, me), created: true };
      } catch (error) {
        // Both asked at the same instant: the unique pending key lets one win; look again.
        if ((error as { code?: number }).code !== 11000) throw error;
      }
    }
    throw new ConflictException({ message: 'Please try again', code: 'request_conflict' });
  }

  accept(me: string, requestId: string): Promise<FriendRequestView> {
    return this.respond(me, requestId, 'accepted');
  }

  decline(me: string, requestId: string): Promise<FriendRequestView> {
    return this.respond(me, requestId, 'declined');
  }

  cancel(me: string, requestId: string): Promise<FriendRequestView> {
    return this.respond(me, requestId, 'cancelled');
  }

  async unfriend(me: string, other: string): Promise<void> {
    const { deletedCount } = await this.friendships.deleteOne({ pairKey: pairKey(me, other) }).exec();
    if (!deletedCount) throw new NotFoundException({ message: 'You are not friends', code: 'not_friends' });
    this.relationshipChanged(me, other);
    this.announceUnfriended(me, other);
  }

  /** Blocking ends a friendship and any pending request, both ways. */
  async block(me: string, other: string): Promise<void> {
    if (me === other) throw new BadRequestException({ message: "You can't block yourself", code: 'self_block' });
    const target = await this.users.findById(other);
    if (!target || target.status === 'erased') throw notFound();
    await this.blocks.block(me, other);
    this.relationshipChanged(me, other);
    const { deletedCount } = await this.friendships.deleteOne({ pairKey: pairKey(me, other) }).exec();
    if (deletedCount) this.announceUnfriended(me, other);
    const pending = await this.requests.findOne({ pendingKey: pairKey(me, other) }).exec();
    if (pending) await this.close(pending, 'cancelled');
  }

  async unblock(me: string, other: string): Promise<void> {
    await this.blocks.unblock(me, other);
    this.relationshipChanged(me, other);
  }

  async areFriends(a: string, b: string): Promise<boolean> {
    return Boolean(await this.friendships.exists({ pairKey: pairKey(a, b) }));
  }

  async friendIds(me: string): Promise<string[]> {
    const rows = await this.friendships.find({ users: me }, { users: 1 }).lean().exec();
    return rows.map((row) => row.users.map(String).find((id) => id !== me)!).filter(Boolean);
  }

  /**
   * An erased account leaves everyone's lists, live: its friends see it go offline and are told it is no longer
   * a friend, requests both ways are withdrawn and deleted, blocks by or of it go. Idempotent.
   */
  async forgetUser(userId: string): Promise<void> {
    const id = new Types.ObjectId(userId);
    const friendIds = await this.friendIds(userId);
    this.realtime.toUsers(friendIds, ServerEvent.PresenceUpdate, { userId, online: false, lastSeenAt: null });
    await this.friendships.deleteMany({ users: id }).exec();
    for (const other of friendIds) {
      this.relationshipChanged(userId, other);
      this.realtime.toUser(other, ServerEvent.FriendRemoved, { userId });
    }
    const requests = await this.requests
      .find({ $or: [{ from: id }, { to: id }] })
      .lean()
      .exec();
    await this.requests.deleteMany({ _id: trusted({ $in: requests.map((request) => request._id) }) }).exec();
    for (const request of requests.filter((r) => r.status === 'pending')) {
      const other = (request.from.equals(id) ? request.to : request.from).toString();
      this.realtime.toUser(other, ServerEvent.FriendRequestUpdate, { id: request._id.toString(), status: 'cancelled' });
    }
    for (const other of await this.blocks.forgetUser(userId)) this.relationshipChanged(userId, other);
  }

  /** Friends newest first, each with presence, in one aggregation (the other user of each pair is $lookup'ed). */
  async listFriends(me: string, cursor: string | undefined, limit = 100): Promise<Page<FriendView>> {
    const meId = new Types.ObjectId(me);
    const first = { $arrayElemAt: ['$users', 0] };
    const rows = await this.friendships
      .aggregate<{ _id: Types.ObjectId; since: Date; friend: PublicUserFields }>([
        { $match: { users: meId, ...(cursor ? { _id: { $lt: new Types.ObjectId(cursor) } } : {}) } },
        { $sort: { _id: -1 } },
        { $limit: limit + 1 },
        { $project: { since: 1, other: { $cond: [{ $eq: [first, meId] }, { $arrayElemAt: ['$users', 1] }, first] } } },
        { $lookup: { from: 'users', localField: 'other', foreignField: '_id', as: 'friend' } },
        { $unwind: '$friend' },
        { $project: { since: 1, ...publicUserProjection('friend') } },
      ])
      .exec();
    const page = rows.slice(0, limit);
    const online = new Set(await this.presence.onlineAmong(page.map((row) => row.friend._id.toString())));
    const items = page.map((row) => toFriendView(row.friend, row.since, online.has(row.friend._id.toString())));
    return { items, nextCursor: rows.length > limit ? rows[limit - 1]._id.toString() : null };
  }

  /** Pending requests to me (incoming) or from me (outgoing), newest first, with the other user's public fields. */
  async listRequests(
    me: string,
    direction: 'incoming' | 'outgoing',
    cursor: string | undefined,
    limit = 50,
  ): Promise<Page<FriendRequestView>> {
    const [mine, theirs] = direction === 'incoming' ? ['to', 'from'] : ['from', 'to'];
    const rows = await this.requests
      .aggregate<FriendRequest & { _id: Types.ObjectId; user: PublicUserFields }>([
        {
          $match: {
            [mine]: new Types.ObjectId(me),
            status: 'pending',
            ...(cursor ? { _id: { $lt: new Types.ObjectId(cursor) } } : {}),
          },
        },
        { $sort: { _id: -1 } },
        { $limit: limit + 1 },
        { $lookup: { from: 'users', localField: theirs, foreignField: '_id', as: 'user' } },
        { $unwind: '$user' },
        { $project: { from: 1, to: 1, status: 1, createdAt: 1, ...publicUserProjection('user') } },
      ])
      .exec();
    const items = rows.slice(0, limit).map((row) => toRequestView(row, row.user));
    return { items, nextCursor: rows.length > limit ? rows[limit - 1]._id.toString() : null };
  }

  async listBlocked(me: string): Promise<PublicUser[]> {
    return this.blocks.listBlockedBy(me);
  }

  private async respond(me: string, requestId: string, status: FriendRequestStatus): Promise<FriendRequestView> {
    const request = await this.requests.findById(requestId).exec();
    const involved = request && [request.from.toString(), request.to.toString()].includes(me);
    if (!request || !involved) throw requestNotFound();
    const actor = status === 'cancelled' ? request.from.toString() : request.to.toString();
    if (actor !== me) {
      throw new ForbiddenException({
        message:
          status === 'cancelled' ? 'Only the sender can cancel a request' : 'Only the recipient can answer a request',
        code: 'not_your_request',
      });
    }
    const closed = await this.close(request, status);
    if (!closed)
      throw new ConflictException({
        message: `This request is already ${request.status}`,
        code: 'request_not_pending',
      });
    if (status === 'accepted') await this.befriend(closed.from.toString(), closed.to.toString());
    return this.viewFor(closed, me);
  }

  /** Moves a pending request to its final status (atomically: only one answer wins) and tells both users. */
  private async close(
    request: FriendRequestDocument,
    status: FriendRequestStatus,
  ): Promise<FriendRequestDocument | null> {
    const closed = await this.requests
      .findOneAndUpdate(
        { _id: request._id, status: 'pending' },
        { $set: { status, respondedAt: new Date() }, $unset: { pendingKey: 1 } },
        { new: true },
      )
      .exec();
    if (closed) {
      this.realtime.toUsers([closed.from.toString(), closed.to.toString()], ServerEvent.FriendRequestUpdate, {
        id: closed._id.toString(),
        status,
      });
    }
    return closed;
  }

  /** Idempotent; each side gets the other as a friend with their current presence. */
  private async befriend(a: string, b: string): Promise<void> {
    const key = pairKey(a, b);
    const since = new Date();
    const written = await this.friendships
      .updateOne(
        { pairKey: key },
        { $setOnInsert: { pairKey: key, users: [new Types.ObjectId(a), new Types.ObjectId(b)], since } },
        { upsert: true },
      )
      .exec();
    this.relationshipChanged(a, b);
    // Accepted while one of them was being erased: the erasure's clean-up may have run before this write.
    if (await this.eitherErased(a, b)) {
      await this.friendships.deleteOne({ pairKey: key }).exec();
      this.relationshipChanged(a, b);
      return;
    }
    if (written.upsertedCount === 1) this.events.emit(friendshipCreatedEvent(a, b, since));
    const [friendA, friendB] = await Promise.all([this.friendView(a), this.friendView(b)]);
    for (const [to, friend] of [
      [b, friendA],
      [a, friendB],
    ] as const) {
      if (!friend) continue;
      this.realtime.toUser(to, ServerEvent.FriendAdded, { user: friend });
      this.realtime.toUser(to, ServerEvent.PresenceUpdate, {
        userId: friend.id,
        online: friend.online,
        lastSeenAt: friend.lastSeenAt,
      });
    }
  }

  /**
   * Friends (unless DIRECT_MESSAGES=everyone, or one of the two is a service account), nobody blocked, both active:
   * briefly cached, dropped on every instance when the friendship, a block or either one's status changes.
   */
  private rule(me: string, other: string): Promise<PairRule> {
    return this.refusals.get(pairKey(me, other), async () => {
      const friendsOnly = this.config.get('directory', { infer: true }).directMessages === 'friends';
      const [friends, blocked, ...states] = await Promise.all([
        friendsOnly ? this.areFriends(me, other) : true,
        this.blocks.eitherBlocked(me, other),
        // Both, so the cached answer holds whichever of the two sends next.
        this.users.getAccessState(me),
        this.users.getAccessState(other),
      ]);
      const services = [me, other].filter((_, i) => states[i]?.service);
      if (!friends && services.length === 0) return { refusal: 'not_friends', services };
      const unavailable = blocked || states.some((state) => state?.status !== 'active');
      return { refusal: unavailable ? 'unavailable' : null, services };
    });
  }

  private async eitherErased(a: string, b: string): Promise<boolean> {
    const [erasedA, erasedB] = await Promise.all([this.users.isErased(a), this.users.isErased(b)]);
    return erasedA || erasedB;
  }

  /** The send rule (see refusal) and who sees whose presence (PresenceAudience) are cached: drop both everywhere. */
  private relationshipChanged(a: string, b: string): void {
    this.invalidation.invalidate('relationship', pairKey(a, b));
  }

  private announceUnfriended(a: string, b: string): void {
    this.realtime.toUser(a, ServerEvent.FriendRemoved, { userId: b });
    this.realtime.toUser(b, ServerEvent.FriendRemoved, { userId: a });
  }

  private async announceRequest(request: FriendRequestDocument): Promise<void> {
    const [from, to] = [request.from.toString(), request.to.toString()];
    this.realtime.toUser(to, ServerEvent.FriendRequest, { request: await this.viewFor(request, to) });
    this.realtime.toUser(from, ServerEvent.FriendRequest, { request: await this.viewFor(request, from) });
  }

  /** A request as `viewer` sees it: `user` is the other person. */
  private async viewFor(request: FriendRequestDocument, viewer: string): Promise<FriendRequestView> {
    const otherId = request.from.toString() === viewer ? request.to.toString() : request.from.toString();
    const other = await this.users.getById(otherId);
    return toRequestView(request, other);
  }

  private async friendView(userId: string): Promise<FriendView | null> {
    const user = await this.users.findById(userId);
    return user ? toFriendView(user, new Date(), await this.presence.isOnline(userId)) : null;
  }
}
