import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import type { MessageView } from '../contracts/messages';
import { MessageServerEvent } from '../contracts/socket-events';
import type { Page } from '../contracts/users';
import { MediaService } from '../media/media.service';
import { RealtimeService } from '../realtime/realtime.service';
import { ConversationsService } from './conversations.service';
import { KeyedQueue } from './keyed-queue';
import { toMessageView } from './message.mapper';
import type { ConversationRef } from './conversations.service';
import { Message, type MessageDocument } from './schemas/message.schema';

export interface SendInput {
  clientId: string;
  text?: string;
  mediaId?: string;
}

const DEFAULT_PAGE = 50;

@Injectable()
export class MessagesService {
  private readonly perConversation = new KeyedQueue();
  /** Sends in progress by sender + clientId: a retry arriving meanwhile waits for the first attempt. */
  private readonly inFlight = new Map<string, Promise<MessageView>>();

  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly conversations: ConversationsService,
    private readonly realtime: RealtimeService,
    private readonly media: MediaService,
  ) {}

  /**
   * The one send path for REST and Socket.IO: authorize → persist → update the conversation → broadcast.
   * The clientId makes it idempotent: a retry returns the stored message and broadcasts nothing new.
   */
  async send(me: string, conversationId: string, input: SendInput): Promise<MessageView> {
    const key = `${me}:${input.clientId}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const attempt = this.sendNow(me, conversationId, input);
    this.inFlight.set(key, attempt);
    try {
      return await attempt;
    } finally {
      this.inFlight.delete(key);
    }
  }

  async history(
    me: string,
    conversationId: string,
    query: { before?: string; after?: string; limit?: number },
  ): Promise<Page<MessageView>> {
    await this.conversations.getForParticipant(me, conversationId);
    const limit = query.limit ?? DEFAULT_PAGE;
    const forward = Boolean(query.after);
    const bound = forward
      ? { _id: trusted({ $gt: new Types.ObjectId(query.after) }) }
      : query.before
        ? { _id: trusted({ $lt: new Types.ObjectId(query.before) }) }
        : {};
    const rows = await this.messages
      .find({ conversationId: new Types.ObjectId(conversationId), ...bound })
      .sort({ _id: forward ? 1 : -1 })
      .limit(limit + 1)
      .exec();
    const items = rows.slice(0, limit).map(toMessageView);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  async edit(me: string, messageId: string, text: string): Promise<MessageView> {
    const { message, conversation } = await this.getOwn(me, messageId, 'edit');
    if (message.deletedAt)
      throw new ConflictException({ message: 'A deleted message cannot be edited', code: 'message_deleted' });
    const updated = await this.messages
      .findOneAndUpdate({ _id: message._id, deletedAt: null }, { $set: { text, editedAt: new Date() } }, { new: true })
      .exec();
    if (!updated)
      throw new ConflictException({ message: 'A deleted message cannot be edited', code: 'message_deleted' });
    await this.conversations.refreshPreview(updated);
    const view = toMessageView(updated);
    this.broadcast(conversation, MessageServerEvent.MessageUpdated, { message: view });
    return view;
  }

  /** Soft delete: the content goes, a tombstone with deletedAt stays. Deleting again changes nothing. */
  async remove(me: string, messageId: string): Promise<MessageView> {
    const { message, conversation } = await this.getOwn(me, messageId, 'delete');
    if (message.deletedAt) return toMessageView(message);
    const deleted = await this.messages
      .findOneAndUpdate(
        { _id: message._id, deletedAt: null },
        { $set: { deletedAt: new Date(), text: null, media: null } },
        { new: true },
      )
      .exec();
    if (!deleted) return toMessageView((await this.messages.findById(message._id).exec())!);
    if (message.media) await this.media.deleteForMessage(message._id);
    await this.conversations.refreshPreview(deleted);
    this.broadcast(conversation, MessageServerEvent.MessageDeleted, {
      id: deleted._id.toString(),
      conversationId: deleted.conversationId.toString(),
      deletedAt: deleted.deletedAt!.toISOString(),
    });
    return toMessageView(deleted);
  }

  private async sendNow(me: string, conversationId: string, input: SendInput): Promise<MessageView> {
    const conversation = await this.conversations.getRefForParticipant(me, conversationId);
    await this.conversations.assertCanSend(conversation, me);
    // Only storing and broadcasting are serialized per conversation, so ids and delivery share one order.
    const { message, fresh, view } = await this.perConversation.run(conversationId, async () => {
      const stored = await this.store(conversation, me, input);
      const storedView = toMessageView(stored.message);
      if (stored.fresh) this.broadcast(conversation, MessageServerEvent.MessageNew, { message: storedView });
      return { ...stored, view: storedView };
    });
    if (!fresh && message.applied) return view;
    await this.conversations.applyMessage(conversation, message);
    await this.messages.updateOne({ _id: message._id }, { $set: { applied: true } }).exec();
    if (!fresh) this.broadcast(conversation, MessageServerEvent.MessageNew, { message: view });
    return view;
  }

  /** Inserts the message (attaching its upload), or finds the one a previous attempt with this clientId stored. */
  private async store(
    conversation: ConversationRef,
    me: string,
    input: SendInput,
  ): Promise<{ message: MessageDocument; fresh: boolean }> {
    if (input.mediaId) {
      // A retry must find its message before trying to attach the (already attached) upload again.
      const earlier = await this.findSent(me, input.clientId, conversation);
      if (earlier) return { message: earlier, fresh: false };
    }
    const _id = new Types.ObjectId();
    const media = input.mediaId ? await this.attachMedia(me, input.mediaId, conversation, _id) : null;
    try {
      const message = await this.messages.create({
        _id,
        conversationId: conversation._id,
        senderId: new Types.ObjectId(me),
        clientId: input.clientId,
        kind: media?.kind ?? 'text',
        text: input.text ?? null,
        media: media
          ? {
              id: media._id,
              kind: media.kind,
              mime: media.mime,
              size: media.size,
              width: media.width,
              height: media.height,
              hasThumb: Boolean(media.thumbKey),
            }
          : null,
      });
      return { message, fresh: true };
    } catch (error) {
      if (media) await this.media.detach(media._id, _id);
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    return { message: (await this.findSent(me, input.clientId, conversation))!, fresh: false };
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

  /** Every tab of both participants. */
  private broadcast(conversation: ConversationRef, event: string, payload: unknown): void {
    this.realtime.toUsers(conversation.participants.map(String), event, payload);
  }
}
