import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  type OnApplicationBootstrap,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import type { AllConfig } from '../config';
import type { ConversationView, GroupRole } from '../contracts/messages';
import { MessageServerEvent } from '../contracts/socket-events';
import { FriendsService } from '../friends/friends.service';
import { MediaService } from '../media/media.service';
import { RealtimeService } from '../realtime/realtime.service';
import { currentMembers } from './conversation-view';
import { ConversationsService } from './conversations.service';
import { MessagesService, type SystemLine } from './messages.service';
import { Conversation, type ConversationDocument, type Member, type UntoldChange } from './schemas/conversation.schema';

/** What a group change writes, and the system lines that tell it (each takes the next seq). */
interface Change {
  set: Partial<Pick<Conversation, 'name' | 'avatar' | 'members' | 'participants' | 'newMembersSeeHistory'>>;
  lines: Omit<SystemLine, 'seq'>[];
  /** Whose membership ended: told `conversation:removed`, after the line that removed them. */
  removed?: string[];
}

/** A write lost to a concurrent send or change is read and decided again; this many times at most. */
const MAX_ATTEMPTS = 50;

/**
 * Groups: creating them, their name and picture, members and roles. Every change is one conditional write on the
 * conversation that takes the seqs of its system lines together with the change (compare-and-set on lastSeq), so
 * the timeline orders it exactly against every send: a message whose seq comes before a member's removal was sent
 * to them, every later one is not (ConversationsService.nextSeq refuses them as a sender too). No transaction: the
 * lines are stored after the write, each idempotently (see MessagesService.postSystem).
 */
@Injectable()
export class GroupsService implements OnApplicationBootstrap {
  constructor(
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
    private readonly conversationsService: ConversationsService,
    private readonly messages: MessagesService,
    private readonly friends: FriendsService,
    private readonly media: MediaService,
    private readonly realtime: RealtimeService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  /** A group of me (its owner) and people I may message, each told with `conversation:updated`. */
  async create(me: string, userIds: string[], name: string, newMembersSeeHistory = false): Promise<ConversationView> {
    const others = [...new Set(userIds)].filter((id) => id !== me);
    if (others.length === 0)
      throw new BadRequestException({ message: 'Add at least one other person', code: 'group_empty' });
    this.assertFits(1 + others.length);
    await this.assertMayAdd(me, others);
    const _id = new Types.ObjectId();
    const now = new Date();
    const member = (userId: string, role: GroupRole): Member => ({
      userId: new Types.ObjectId(userId),
      role,
      joinedAt: now,
      joinedSeq: 1,
      leftAt: null,
      leftSeq: null,
    });
    const members = [member(me, 'owner'), ...others.map((id) => member(id, 'member'))];
    const untold: UntoldChange = {
      at: now,
      lines: [
        {
          seq: 1,
          event: 'created',
          actorId: new Types.ObjectId(me),
          targetIds: members.slice(1).map((m) => m.userId),
          name,
        },
      ],
      removed: [],
    };
    const conversation = await this.conversations.create({
      _id,
      kind: 'group',
      pairKey: `group:${_id.toString()}`,
      name,
      members,
      ...(newMembersSeeHistory ? { newMembersSeeHistory } : {}),
      participants: members.map((m) => m.userId),
      lastSeq: 1,
      lastActivityAt: now,
      untold,
    });
    return this.conversationsService.viewFor(await this.tell(conversation, untold), me);
  }

  /**
   * A new name and/or picture (an image I uploaded and have not sent; null removes it), and whether members added
   * later see the earlier messages. Owners and admins.
   */
  async update(
    me: string,
    conversationId: string,
    input: { name?: string; avatar?: string | null; newMembersSeeHistory?: boolean },
  ) {
    if (input.name === undefined && input.avatar === undefined && input.newMembersSeeHistory === undefined) {
      throw new BadRequestException({
        message: 'Give a name, an avatar or newMembersSeeHistory',
        code: 'nothing_to_change',
      });
    }
    this.assertManager(await this.groupOf(me, conversationId), me);
    const picture =
      typeof input.avatar === 'string' ? await this.adoptPicture(me, input.avatar, conversationId) : input.avatar;
    let replaced: Types.ObjectId | null = null;
    const updated = await this.change(me, conversationId, (conversation) => {
      this.assertManager(conversation, me);
      const lines: Change['lines'] = [];
      const set: Change['set'] = {};
      if (input.name !== undefined && input.name !== conversation.name) {
        set.name = input.name;
        lines.push({ event: 'renamed', actorId: me, name: input.name });
      }
      if (picture !== undefined && !(picture === null && !conversation.avatar)) {
        replaced = conversation.avatar ?? null;
        set.avatar = picture;
        lines.push({ event: 'picture_changed', actorId: me });
      }
      const shared = input.newMembersSeeHistory;
      if (shared !== undefined && shared !== Boolean(conversation.newMembersSeeHistory)) {
        set.newMembersSeeHistory = shared;
        lines.push({ event: shared ? 'history_shared' : 'history_hidden', actorId: me });
      }
      return { set, lines };
    });
    if (replaced) await this.media.deleteById(replaced);
    return this.conversationsService.viewFor(updated, me);
  }

  /** Owners and admins add people they may message (someone who blocked them, or whom they blocked, not). */
  async addMembers(me: string, conversationId: string, userIds: string[]): Promise<ConversationView> {
    const current = await this.groupOf(me, conversationId);
    this.assertManager(current, me);
    const isIn = new Set(current.participants.map(String));
    const newcomers = [...new Set(userIds)].filter((id) => !isIn.has(id));
    await this.assertMayAdd(me, newcomers);
    const updated = await this.change(me, conversationId, (conversation, seq) => {
      this.assertManager(conversation, me);
      const present = new Set(conversation.participants.map(String));
      const adding = newcomers.filter((id) => !present.has(id));
      if (adding.length === 0) return { set: {}, lines: [] };
      this.assertFits(present.size + adding.length);
      const now = new Date();
      const joined = (userId: Types.ObjectId): Member => ({
        userId,
        role: 'member',
        joinedAt: now,
        joinedSeq: seq,
        leftAt: null,
        leftSeq: null,
      });
      const members = membersOf(conversation);
      for (const id of adding) {
        const at = members.findIndex((m) => m.userId.toString() === id);
        // Someone coming back starts again from here: what they saw the first time is not theirs any more.
        if (at >= 0) members[at] = joined(members[at].userId);
        else members.push(joined(new Types.ObjectId(id)));
      }
      return {
        set: { members, participants: [...conversation.participants, ...adding.map((id) => new Types.ObjectId(id))] },
        lines: [{ event: 'added', actorId: me, targetIds: adding }],
      };
    });
    return this.conversationsService.viewFor(updated, me);
  }

  /**
   * Removes a member (owners: anyone; admins: members), or leaves when it is me. The last owner leaving hands
   * ownership to the longest-standing admin, else member (since their last joining). Removing someone no longer in
   * it changes nothing.
   */
  async removeMember(me: string, conversationId: string, userId: string): Promise<void> {
    await this.change(me, conversationId, (conversation, seq) => {
      const members = membersOf(conversation);
      const target = members.find((m) => m.userId.toString() === userId);
      if (!target) throw memberNotFound();
      if (target.leftSeq !== null) return { set: {}, lines: [] };
      const leaving = userId === me;
      if (!leaving) this.assertMayRemove(conversation, me, target.role);
      target.leftSeq = seq;
      target.leftAt = new Date();
      target.nameWhenLeft = conversation.name;
      target.avatarWhenLeft = conversation.avatar ?? null;
      const lines: Change['lines'] = [
        leaving ? { event: 'left', actorId: me } : { event: 'removed', actorId: me, targetIds: [userId] },
      ];
      const remaining = currentMembers({ members });
      if (target.role === 'owner' && !remaining.some((m) => m.role === 'owner')) {
        const heir = remaining.find((m) => m.role === 'admin') ?? remaining[0];
        if (heir) {
          heir.role = 'owner';
          lines.push({ event: 'made_owner', actorId: me, targetIds: [heir.userId.toString()] });
        }
      }
      return {
        set: { members, participants: conversation.participants.filter((p) => p.toString() !== userId) },
        lines,
        removed: [userId],
      };
    });
  }

  /** An erased account leaves every group it is in (handing over what it owned); safe to repeat. */
  async leaveAll(userId: string): Promise<void> {
    const groups = await this.conversations
      .find({ participants: new Types.ObjectId(userId), kind: 'group' }, { _id: 1 })
      .lean()
      .exec();
    for (const group of groups) await this.removeMember(userId, group._id.toString(), userId);
  }

  /**
   * Another member's role: owners set any role; admins make members admins and admins members. One's own role
   * changes only by leaving (an owner who leaves last hands it over).
   */
  async setRole(me: string, conversationId: string, userId: string, role: GroupRole): Promise<ConversationView> {
    if (userId === me) throw new BadRequestException({ message: 'You cannot change your own role', code: 'own_role' });
    const updated = await this.change(me, conversationId, (conversation) => {
      const members = membersOf(conversation);
      const target = members.find((m) => m.userId.toString() === userId && m.leftSeq === null);
      if (!target) throw memberNotFound();
      const mine = roleOf(conversation, me);
      const allowed = mine === 'owner' || (mine === 'admin' && target.role !== 'owner' && role !== 'owner');
      if (!allowed) throw notAllowed();
      if (target.role === role) return { set: {}, lines: [] };
      target.role = role;
      return { set: { members }, lines: [{ event: `made_${role}`, actorId: me, targetIds: [userId] }] };
    });
    return this.conversationsService.viewFor(updated, me);
  }

  /**
   * Reads the group, decides the change, and writes it only if no seq was taken meanwhile (else reads again). Runs
   * in the conversation's order on this instance, so sends that took their seq before it are broadcast before it
   * is acknowledged; then stores its lines and tells the members (and the removed) of the change. The write keeps
   * the lines as `untold` until they are stored and told, so a process dying in between leaves no gap for good:
   * the group's next change, or the next start, finishes it first.
   */
  private change(
    me: string,
    conversationId: string,
    decide: (conversation: ConversationDocument, seq: number) => Change,
  ): Promise<ConversationDocument> {
    return this.messages.inOrder(conversationId, async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const conversation = await this.groupOf(me, conversationId);
        if (conversation.untold) {
          await this.tell(conversation, conversation.untold);
          continue;
        }
        const lastSeq = conversation.lastSeq;
        const change = decide(conversation, lastSeq + 1);
        if (change.lines.length === 0) return conversation;
        const untold: UntoldChange = {
          at: new Date(),
          lines: change.lines.map((line, i) => ({
            ...line,
            seq: lastSeq + 1 + i,
            actorId: new Types.ObjectId(line.actorId),
            targetIds: line.targetIds?.map((id) => new Types.ObjectId(id)),
          })),
          removed: (change.removed ?? []).map((id) => new Types.ObjectId(id)),
        };
        const written = await this.conversations
          .updateOne(
            { _id: conversation._id, lastSeq },
            { $set: { ...change.set, lastSeq: lastSeq + change.lines.length, untold } },
          )
          .exec();
        if (written.modifiedCount === 0) continue;
        return this.tell(await this.conversationsService.findById(conversationId), untold);
      }
      throw new ServiceUnavailableException({ message: 'The group is too busy; try again', code: 'group_busy' });
    });
  }

  /** At start-up: the group changes a process left untold when it died (each safe to finish twice). */
  async onApplicationBootstrap(): Promise<void> {
    const left = await this.conversations.find({ 'untold.at': trusted({ $exists: true }) }).exec();
    for (const conversation of left) {
      await this.messages.inOrder(conversation._id.toString(), async () => {
        const now = await this.conversationsService.findById(conversation._id.toString());
        if (now.untold) await this.tell(now, now.untold);
      });
    }
  }

  /**
   * Stores the change's lines (idempotently, at the seqs its write took), tells the removed that they are out and
   * every member the group's new view, then clears the change, unless a newer one replaced it meanwhile. Returns
   * the group as it is then.
   */
  private async tell(conversation: ConversationDocument, untold: UntoldChange): Promise<ConversationDocument> {
    const ref = { _id: conversation._id, kind: 'group' as const, participants: conversation.participants };
    const removed = untold.removed.map(String);
    const audience = [...conversation.participants.map(String), ...removed];
    for (const line of untold.lines) {
      await this.messages.postSystem(
        ref,
        {
          seq: line.seq,
          event: line.event,
          actorId: line.actorId.toString(),
          ...(line.targetIds ? { targetIds: line.targetIds.map(String) } : {}),
          ...(line.name !== undefined && line.name !== null ? { name: line.name } : {}),
        },
        audience,
      );
    }
    const upToSeq = untold.lines[untold.lines.length - 1].seq;
    this.realtime.toUsers(removed, MessageServerEvent.ConversationRemoved, {
      conversationId: conversation._id.toString(),
      upToSeq,
    });
    const told = await this.conversationsService.findById(conversation._id.toString());
    await this.announce(told);
    await this.conversations
      .updateOne({ _id: conversation._id, 'untold.lines.seq': upToSeq }, { $unset: { untold: 1 } })
      .exec();
    return told;
  }

  /** Each member gets their view of the changed group. */
  private async announce(conversation: ConversationDocument): Promise<void> {
    const members = conversation.participants.map(String);
    const views = await this.conversationsService.groupViewsFor(conversation, members);
    for (const [userId, view] of views) {
      this.realtime.toUser(userId, MessageServerEvent.ConversationUpdated, { conversation: view });
    }
  }

  /** A group I am in now (404 unknown, 403 not in it, 400 a direct conversation). */
  private async groupOf(me: string, conversationId: string): Promise<ConversationDocument> {
    const conversation = await this.conversationsService.getForParticipant(me, conversationId);
    if (conversation.kind !== 'group')
      throw new BadRequestException({ message: 'This is not a group', code: 'not_a_group' });
    return conversation;
  }

  private assertManager(conversation: ConversationDocument, me: string): void {
    const role = roleOf(conversation, me);
    if (role !== 'owner' && role !== 'admin') throw notAllowed();
  }

  private assertMayRemove(conversation: ConversationDocument, me: string, targetRole: GroupRole): void {
    const mine = roleOf(conversation, me);
    if (mine === 'owner' || (mine === 'admin' && targetRole === 'member')) return;
    throw notAllowed();
  }

  private assertFits(count: number): void {
    const max = this.config.get('directory', { infer: true }).groupMaxMembers;
    if (count > max) {
      throw new BadRequestException({ message: `A group has at most ${max} members`, code: 'group_full' });
    }
  }

  /** The rule for starting a chat (FriendsService): friends or DIRECT_MESSAGES=everyone, nobody blocked, active. */
  private async assertMayAdd(me: string, userIds: string[]): Promise<void> {
    for (const userId of userIds) {
      try {
        await this.friends.assertMayStartChat(me, userId);
      } catch (error) {
        if (!(error instanceof ForbiddenException)) throw error;
        const { code } = error.getResponse() as { code: string };
        throw new ForbiddenException({ message: `You cannot add ${userId} to a group`, code });
      }
    }
  }

  private async adoptPicture(me: string, mediaId: string, conversationId: string): Promise<Types.ObjectId> {
    const picture = await this.media.adoptAsGroupPicture(me, mediaId, new Types.ObjectId(conversationId));
    if (!picture) {
      throw new ConflictException({
        message: 'The picture must be an image you uploaded and have not sent',
        code: 'media_unavailable',
      });
    }
    return picture._id;
  }
}

/** The members as plain objects to change and write back. */
const membersOf = (conversation: ConversationDocument): Member[] =>
  (conversation.toObject().members ?? []).map((m) => ({ ...m }));

const roleOf = (conversation: ConversationDocument, userId: string): GroupRole | null =>
  currentMembers(conversation).find((m) => m.userId.toString() === userId)?.role ?? null;

const notAllowed = () =>
  new ForbiddenException({ message: 'Only the group’s owners and admins may do that', code: 'not_group_admin' });
const memberNotFound = () =>
  new NotFoundException({ message: 'This person is not a member of the group', code: 'member_not_found' });
