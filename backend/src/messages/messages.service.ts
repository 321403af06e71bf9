import {
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
  type OnModuleInit,
  type ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import { LegalHoldsService } from '../compliance/legal-holds.service';
import type { MessageHistoryView, MessageView, SystemEventKind } from '../contracts/messages';
import { type MessageHiddenPayload, MessageServerEvent, type UserErasedPayload } from '../contracts/socket-events';
import { messageEvent } from '../events/domain-event';
import { DomainEvents } from '../events/domain-events';
import { FriendsService } from '../friends/friends.service';
import { MediaService } from '../media/media.service';
import { MetricsService } from '../metrics/metrics.service';
import { PresenceService } from '../presence/presence.service';
import { RealtimeService } from '../realtime/realtime.service';
import { toPublicUser } from '../users/user.mapper';
import { UsersService } from '../users/users.service';
import { ConversationPartners } from './conversation-partners';
import { type ConversationRef, otherParticipant } from './conversation-ref';
import { audienceOf } from './conversation-view';
import { ConversationsService } from './conversations.service';
import { KeyedQueue } from './keyed-queue';
import { toMessageView } from './message.mapper';
import { MessageVersionsService } from './message-versions.service';
import { MessageViews } from './message-views';
import { ReadableMessages } from './readable-messages';
import type { ConversationDocument } from './schemas/conversation.schema';
import { Message, type MessageDocument } from './schemas/message.schema';
import { SendAdmission } from './send-admission';

export interface SendInput {
  clientId: string;
  text?: string;
  mediaId?: string;
  /** The message of the same conversation this one replies to. */
  replyToId?: string;
}

/** A forward is a send of another message's text, with a copy of its media (see forward). */
interface ForwardInput extends SendInput {
  forwarded?: true;
  forwardMediaId?: Types.ObjectId;
}

/** A send's answer, and its message's `applied` write, which the answer does not wait for. */
interface Completed {
  view: MessageView;
  applied: Promise<void>;
}

/** A system line to store at a seq its membership write took (see GroupsService). */
export interface SystemLine {
  seq: number;
  event: SystemEventKind;
  actorId: string;
  targetIds?: string[];
  name?: string;
}

@Injectable()
export class MessagesService implements OnModuleInit {
  private readonly logger = new Logger('MessagesService');
  private readonly perConversation = new KeyedQueue();
  /** Sends in progress by sender + clientId: a retry arriving meanwhile waits for the first attempt. */
  private readonly inFlight = new Map<string, Promise<MessageView>>();

  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly conversations: ConversationsService,
    private readonly friends: FriendsService,
    private readonly realtime: RealtimeService,
    private readonly media: MediaService,
    private readonly users: UsersService,
    private readonly presence: PresenceService,
    private readonly partners: ConversationPartners,
    private readonly metrics: MetricsService,
    private readonly events: DomainEvents,
    private readonly views: MessageViews,
    private readonly readable: ReadableMessages,
    private readonly holds: LegalHoldsService,
    private readonly versions: MessageVersionsService,
    private readonly admission: SendAdmission,
  ) {}

  onModuleInit(): void {
    this.media.decideGroupReaders((userId, conversationId, seq) =>
      this.conversations.mayReadSeq(userId, conversationId, seq),
    );
  }

  /**
   * The one send path for REST and Socket.IO: authorize → store → after-save → broadcast (see sendNow).
   * The clientId makes it idempotent: a retry returns the stored message and broadcasts nothing new. Over the
   * instance's cap of sends at once: 503 `busy` (see SendAdmission).
   */
  async send(me: string, conversationId: string, input: ForwardInput): Promise<MessageView> {
    const key = `${me}:${input.clientId}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const attempt = this.admission.run(() => this.sendNow(me, conversationId, input));
    const answer = attempt.then(({ view }) => view);
    this.inFlight.set(key, answer);
    // A retry arriving after the answer, before the message is marked applied, still waits for this attempt.
    void attempt
      .then(({ applied }) => applied)
      .catch((error: Error) => this.logger.warn(`a send was answered but not marked applied: ${error.message}`))
      .finally(() => this.inFlight.delete(key));
    return answer;
  }

  /**
   * Whether a send may start now, asked before its payload is validated or authorized so that refusing costs little:
   * there is room, or it retries a send already in flight (it will wait for that one).
   */
  admits(me: string, clientId: unknown): boolean {
    return !this.admission.full || (typeof clientId === 'string' && this.inFlight.has(`${me}:${clientId}`));
  }

  busy(): ServiceUnavailableException {
    return this.admission.busy();
  }

  /**
   * Sends a copy of a message I may see (its text, and its picture or video as a new upload of mine, so the target
   * conversation's members may read it and either copy can go without the other) to a conversation I may write to,
   * marked `forwarded`. Exactly once per clientId, like a send.
   */
  async forward(me: string, messageId: string, conversationId: string, clientId: string): Promise<MessageView> {
    const { message } = await this.readable.toActOn(me, messageId);
    return this.send(me, conversationId, {
      clientId,
      ...(message.text !== null ? { text: message.text } : {}),
      ...(message.media ? { forwardMediaId: message.media.id } : {}),
      forwarded: true,
    });
  }

  /** Each edit keeps the text it replaces in `message_versions` (the history the participants may open). */
  async edit(me: string, messageId: string, text: string): Promise<MessageView> {
    const { message, conversation } = await this.getOwn(me, messageId, 'edit');
    if (message.deletedAt)
      throw new ConflictException({ message: 'A deleted message cannot be edited', code: 'message_deleted' });
    const editedAt = new Date();
    // The pre-image: concurrent edits each get the version they replaced, so none is lost or kept twice.
    const before = await this.messages
      .findOneAndUpdate({ _id: message._id, deletedAt: null }, { $set: { text, editedAt } }, { new: false })
      .exec();
    if (!before)
      throw new ConflictException({ message: 'A deleted message cannot be edited', code: 'message_deleted' });
    await this.versions.recordEdit(before);
    const updated = before.set({ text, editedAt });
    await this.conversations.refreshPreview(updated);
    const audience = audienceOf(conversation, updated.seq);
    const view = await this.views.tell(
      updated,
      audience,
      this.tellUsers(MessageServerEvent.MessageUpdated),
      conversation,
    );
    this.events.emit(messageEvent('message.updated', view, audience));
    return view;
  }

  /**
   * Soft delete: the content goes, a tombstone with deletedAt stays. Deleting again changes nothing. Under a legal
   * hold the content (with its earlier versions and media) is kept for the compliance export, out of users' sight.
   */
  async remove(me: string, messageId: string): Promise<MessageView> {
    const { message, conversation } = await this.getOwn(me, messageId, 'delete');
    if (message.deletedAt) return toMessageView(message);
    const held = await this.holds.covers(conversation);
    // Kept before the content goes, so no moment exists where a held message's content is nowhere.
    if (held) await this.versions.keep(message, 'deleted');
    const deleted = await this.messages
      .findOneAndUpdate(
        { _id: message._id, deletedAt: null },
        // Its reactions go with its content; the version bump makes a late `message:reactions` lose to the deletion.
        {
          $set: { deletedAt: new Date(), text: null, media: null },
          $unset: { reactions: 1 },
          $inc: { reactionsVersion: 1 },
        },
        { new: true },
      )
      .exec();
    if (!deleted) return toMessageView((await this.messages.findById(message._id).exec())!);
    if (message.media) await (held ? this.media.holdForMessage(message._id) : this.media.deleteForMessage(message._id));
    if (!held) await this.versions.deleteFor([message._id]);
    await this.conversations.refreshPreview(deleted);
    const audience = audienceOf(conversation, deleted.seq);
    this.realtime.toUsers(audience, MessageServerEvent.MessageDeleted, {
      id: deleted._id.toString(),
      conversationId: deleted.conversationId.toString(),
      deletedAt: deleted.deletedAt!.toISOString(),
    });
    const view = toMessageView(deleted);
    this.events.emit(messageEvent('message.deleted', view, audience));
    return view;
  }

  /**
   * Delete for me: the message stays for everyone else; my history, catch-up, preview and unread count leave it out,
   * and my other tabs drop it (`message:hidden`, to my sockets only). Any message I may read; idempotent.
   */
  async hideForMe(me: string, messageId: string): Promise<void> {
    const { message, conversation } = await this.readable.get(me, messageId, { evenHidden: true });
    const meId = new Types.ObjectId(me);
    const hidden = await this.messages
      .findOneAndUpdate({ _id: message._id, hiddenFor: trusted({ $ne: meId }) }, { $addToSet: { hiddenFor: meId } })
      .exec();
    if (!hidden) return;
    await this.conversations.forgetForReader(conversation, message, me);
    this.realtime.toUsers([me], MessageServerEvent.MessageHidden, {
      id: message._id.toString(),
      conversationId: message.conversationId.toString(),
    } satisfies MessageHiddenPayload);
  }

  /** The earlier versions of a message I may read (none for a deleted one: its content is gone). */
  async history(me: string, messageId: string): Promise<MessageHistoryView> {
    const { message } = await this.readable.get(me, messageId);
    const versions = message.deletedAt || !message.editedAt ? [] : await this.versions.editsOf(message._id);
    return { messageId: message._id.toString(), versions };
  }

  /**
   * Runs a task in the conversation's order on this instance: sends, and the membership changes (GroupsService),
   * so a send that took its seq before a member's removal is broadcast before the removal is acknowledged.
   */
  inOrder<T>(conversationId: string, task: () => Promise<T>): Promise<T> {
    return this.perConversation.run(conversationId, task);
  }

  /**
   * Stores a group's system line at the seq its membership write took (with `applied` set, so it is complete once
   * stored: a retry stores nothing twice, the clientId is derived from the seq), moves the preview, and tells
   * `audience` (the members after the change, and whoever it removed).
   */
  async postSystem(conversation: ConversationRef, line: SystemLine, audience: string[]): Promise<MessageView> {
    const actorId = new Types.ObjectId(line.actorId);
    const message = await this.messages
      .findOneAndUpdate(
        { senderId: actorId, clientId: `system-${conversation._id.toString()}-${line.seq}` },
        {
          $setOnInsert: {
            conversationId: conversation._id,
            seq: line.seq,
            kind: 'system',
            text: null,
            media: null,
            system: {
              event: line.event,
              actorId,
              ...(line.targetIds ? { targetIds: line.targetIds.map((id) => new Types.ObjectId(id)) } : {}),
              ...(line.name !== undefined ? { name: line.name } : {}),
            },
            createdAt: new Date(),
            editedAt: null,
            deletedAt: null,
            applied: true,
          },
        },
        { upsert: true, new: true },
      )
      .exec();
    await this.conversations.applyMessage(conversation, message);
    const view = toMessageView(message);
    this.realtime.toUsers(audience, MessageServerEvent.MessageNew, { message: view });
    return view;
  }

  private async sendNow(me: string, conversationId: string, input: ForwardInput): Promise<Completed> {
    const known = await this.authorize(me, conversationId);
    // The copy of a forwarded picture is made before queueing (it may take a while), and once per clientId.
    if (input.forwardMediaId && !(await this.findSent(me, input.clientId, known))) {
      input = { ...input, mediaId: (await this.media.copyForSending(input.forwardMediaId, me))._id.toString() };
    }
    // Serialized per conversation, so on one instance seqs are taken, stored and broadcast in one order.
    return this.perConversation.run(conversationId, async () => {
      const { message, participants } = await this.store(known, me, input);
      // A retry of a finished send has nothing new to tell; anything else is completed (fresh or half-finished).
      if (message.applied) return { view: await this.views.one(message, me), applied: Promise.resolve() };
      await this.assertMediaSenderNotErased(me, message);
      // A half-finished send reaches whoever is in the conversation now.
      const audience = participants ?? (await this.conversations.findById(conversationId)).participants;
      return this.complete({ ...known, participants: audience }, message);
    });
  }

  /** The people an erased person wrote with see "Deleted user" in their open chats at once (`user:erased`). */
  async announceErased(userId: string): Promise<void> {
    const partners = await this.partners.all(userId);
    const user = toPublicUser(await this.users.getById(userId));
    this.realtime.toUsers(partners, MessageServerEvent.UserErased, { user } satisfies UserErasedPayload);
  }

  /**
   * The pictures and videos of an erased account's messages go (MediaService deletes the files); the messages stay
   * for the other participants, marked `mediaRemoved`, who see the change live (`message:updated`). Read and
   * written a page at a time, so an account with years of pictures costs bounded memory. Idempotent.
   */
  async markMediaRemovedOf(senderId: string, pageSize = 200): Promise<void> {
    const filter = { senderId: new Types.ObjectId(senderId), media: trusted({ $ne: null }) };
    for (;;) {
      const page = await this.messages.find(filter).sort({ _id: 1 }).limit(pageSize).lean().exec();
      if (page.length === 0) return;
      await this.keepHeldMedia(page);
      await this.messages
        .updateMany(
          { _id: trusted({ $in: page.map((message) => message._id) }) },
          { $set: { media: null, mediaRemoved: true } },
        )
        .exec();
      await this.conversations.dropPreviewMedia(page.map((message) => message._id));
      const conversations = new Map<string, Promise<ConversationDocument>>();
      for (const message of page) {
        // One read per conversation of the page.
        const id = message.conversationId.toString();
        if (!conversations.has(id)) conversations.set(id, this.conversations.findById(id));
        const conversation = await conversations.get(id)!;
        const audience = audienceOf(conversation, message.seq);
        const view = await this.views.tell(
          { ...message, media: null, mediaRemoved: true },
          audience,
          this.tellUsers(MessageServerEvent.MessageUpdated),
          conversation,
        );
        this.events.emit(messageEvent('message.updated', view, audience));
      }
    }
  }

  /** Under a legal hold an erasure's media is kept for the compliance export (MediaService hides it from everyone). */
  private async keepHeldMedia(page: (Message & { _id: Types.ObjectId })[]): Promise<void> {
    const held = new Map<string, Promise<boolean>>();
    for (const message of page) {
      const id = message.conversationId.toString();
      if (!held.has(id))
        held.set(
          id,
          this.conversations.findById(id).then((c) => this.holds.covers(c)),
        );
      if (!(await held.get(id))) continue;
      await this.versions.keep(message, 'erased');
      await this.media.holdForMessage(message._id);
    }
  }

  /**
   * A picture or video sent just before its sender's account was erased must not stay: checked after the insert
   * (the erasure marks the account before cleaning up), so either the clean-up saw this message or this check sees
   * the mark and takes the message back before anyone was told of it. Text sends skip this read: a text landing
   * during an erasure keeps nothing personal (it shows from "Deleted user" like the person's other messages).
   */
  private async assertMediaSenderNotErased(me: string, message: MessageDocument): Promise<void> {
    if (!message.media || !(await this.users.isErased(me))) return;
    await this.messages.deleteOne({ _id: message._id }).exec();
    await this.media.deleteForMessage(message._id);
    throw new UnauthorizedException({ message: 'This account no longer exists', code: 'session_ended' });
  }

  /**
   * In a direct conversation: a participant, allowed to message the other one (FriendsService owns that rule). In a
   * group: a current member, which the seq write checks (ConversationsService.nextSeq), with a verified address
   * when that is required.
   */
  private async authorize(me: string, conversationId: string): Promise<ConversationRef> {
    const conversation = await this.conversations.getForSending(me, conversationId);
    if (conversation.kind === 'direct') await this.friends.assertMayMessage(me, otherParticipant(conversation, me));
    else await this.friends.assertVerifiedSender(me);
    return conversation;
  }

  /**
   * After-save and broadcast, for a message just stored or one a send left half-finished (stored, then the process
   * died or the update failed before `applied` was set): the retry of that send completes it here. `applied` is
   * set last, so a send counts as done only once the conversation is updated and its `message.created` stored for
   * webhooks. That store runs alongside the conversation update (no extra round trip, and none at all without a
   * subscribed endpoint); a recovered send stores it again, which the event's fixed id makes a no-op. The answer and
   * the broadcast don't wait for the `applied` write (see send: a retry meanwhile waits for it on this instance).
   */
  private async complete(conversation: ConversationRef, message: MessageDocument): Promise<Completed> {
    const audience = conversation.participants.map(String);
    // Told last; the group's members matter only to a reply (who joined after its original sees less of the quote).
    const group =
      message.replyToId && conversation.kind === 'group'
        ? await this.conversations.findById(conversation._id.toString())
        : undefined;
    const told: Array<[string[], MessageView]> = [];
    const view = await this.views.tell(message, audience, (users, seen) => told.push([users, seen]), group);
    await Promise.all([
      this.conversations.applyMessage(conversation, message),
      this.events.publish(messageEvent('message.created', view, audience)),
      // A group's members are known only from the seq write: they are the readers of its picture or video.
      message.media && conversation.kind === 'group'
        ? this.media.setGroupReaders(message.media.id, message._id, {
            seq: message.seq,
            readers: conversation.participants,
          })
        : null,
    ]);
    const applied = this.messages
      .updateOne({ _id: message._id }, { $set: { applied: true } })
      .exec()
      .then(() => undefined);
    for (const [users, seen] of told) this.realtime.toUsers(users, MessageServerEvent.MessageNew, { message: seen });
    this.metrics.messageSent(message.kind);
    return { view, applied };
  }

  /**
   * Inserts the message (attaching its upload), or returns the one an earlier attempt with this clientId stored.
   * The seq is taken only for a message that does not exist yet and right before its insert, so retries use no
   * numbers and a gap appears only when a process dies (or two attempts race) between the two steps.
   */
  private async store(
    conversation: ConversationRef,
    me: string,
    input: ForwardInput,
  ): Promise<{ message: MessageDocument; participants: Types.ObjectId[] | null }> {
    const earlier = await this.findSent(me, input.clientId, conversation);
    if (earlier) return { message: earlier, participants: null };
    const replyTo = input.replyToId ? await this.readable.toActOn(me, input.replyToId, conversation._id) : null;
    const _id = new Types.ObjectId();
    const media = input.mediaId ? await this.attachMedia(me, input.mediaId, conversation, _id) : null;
    try {
      const { seq, answered, participants } = await this.conversations.nextSeq(
        conversation._id,
        new Types.ObjectId(me),
      );
      if (answered && conversation.kind === 'direct') {
        this.presence.conversationStarted(...(participants.map(String) as [string, string]));
      }
      const message = await this.messages.create({
        _id,
        conversationId: conversation._id,
        seq,
        senderId: new Types.ObjectId(me),
        clientId: input.clientId,
        kind: media?.kind ?? 'text',
        text: input.text ?? null,
        ...(replyTo ? { replyToId: replyTo.message._id } : {}),
        ...(input.forwarded ? { forwarded: true } : {}),
        media: media
          ? {
              id: media._id,
              kind: media.kind,
              mime: media.mime,
              size: media.size,
              name: media.name,
              width: media.width,
              height: media.height,
              hasThumb: Boolean(media.thumbKey),
            }
          : null,
      });
      return { message, participants };
    } catch (error) {
      if (media) await this.media.detach(media._id, _id);
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    // The same clientId was stored meanwhile by a concurrent attempt (on another instance).
    return { message: (await this.findSent(me, input.clientId, conversation))!, participants: null };
  }

  private tellUsers(event: string) {
    return (users: string[], message: MessageView) => this.realtime.toUsers(users, event, { message });
  }

  private async findSent(me: string, clientId: string, conversation: ConversationRef) {
    const message = await this.messages.findOne({ senderId: me, clientId }).exec();
    if (message && !message.conversationId.equals(conversation._id)) {
      throw new ConflictException({
        message: 'This clientId was already used for another message',
        code: 'client_id_reused',
      });
    }
    return message;
  }

  private async attachMedia(me: string, mediaId: string, conversation: ConversationRef, messageId: Types.ObjectId) {
    const media = await this.media.attach(me, mediaId, {
      conversationId: conversation._id,
      messageId,
      readers: conversation.participants,
    });
    if (!media) {
      throw new ConflictException({
        message: 'This upload cannot be sent: it is not yours or it was already sent',
        code: 'media_unavailable',
      });
    }
    return media;
  }

  private async getOwn(me: string, messageId: string, action: 'edit' | 'delete') {
    const message = Types.ObjectId.isValid(messageId) ? await this.messages.findById(messageId).exec() : null;
    if (!message) throw new NotFoundException({ message: 'Message not found', code: 'message_not_found' });
    const conversation = await this.conversations.getForParticipant(me, message.conversationId.toString());
    if (message.senderId.toString() !== me) {
      throw new ForbiddenException({ message: `You can only ${action} your own messages`, code: 'not_sender' });
    }
    return { message, conversation };
  }
}
