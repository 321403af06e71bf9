import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted } from 'mongoose';
import { MessageServerEvent } from '../contracts/socket-events';
import { RealtimeService } from '../realtime/realtime.service';
import { UsersService } from '../users/users.service';
import { otherParticipant } from './conversation-ref';
import { ConversationsService } from './conversations.service';
import { Conversation, type ConversationDocument } from './schemas/conversation.schema';

/** Delivered and read receipts: per-member markers on the conversation, announced to the other participant. */
@Injectable()
export class ReceiptsService {
  constructor(
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
    private readonly conversationsService: ConversationsService,
    private readonly users: UsersService,
    private readonly realtime: RealtimeService,
  ) {}

  /** The recipient's client got messages up to `upTo`: the sender sees "Delivered". */
  async markDelivered(me: string, conversationId: string, upTo: string): Promise<void> {
    const conversation = await this.conversationsService.getForParticipant(me, conversationId);
    if (!(await this.advance(conversation, 'lastDelivered', me, upTo))) return;
    this.realtime.toUser(otherParticipant(conversation, me), MessageServerEvent.ConversationDelivered, {
      conversationId,
      userId: me,
      upTo,
    });
  }

  /** Read up to `upTo`: unread drops to 0 on every tab; the sender sees "Seen" unless receipts are off. */
  async markRead(me: string, conversationId: string, upTo: string): Promise<void> {
    const conversation = await this.conversationsService.getForParticipant(me, conversationId);
    await this.conversations.updateOne({ _id: conversation._id }, { $set: { [`unread.${me}`]: 0 } }).exec();
    await this.advance(conversation, 'lastDelivered', me, upTo);
    await this.advance(conversation, 'lastRead', me, upTo);
    const payload = { conversationId, userId: me, upTo };
    this.realtime.toUser(me, MessageServerEvent.ConversationRead, payload);
    const reader = await this.users.findById(me);
    if (reader?.settings?.readReceipts !== false) {
      this.realtime.toUser(otherParticipant(conversation, me), MessageServerEvent.ConversationRead, payload);
    }
  }

  /** Moves a per-user message-id marker forward only; ids compare in order as hex strings. */
  private async advance(
    conversation: ConversationDocument,
    field: 'lastRead' | 'lastDelivered',
    me: string,
    upTo: string,
  ): Promise<boolean> {
    const path = `${field}.${me}`;
    const result = await this.conversations
      .updateOne(
        { _id: conversation._id, $or: [{ [path]: trusted({ $exists: false }) }, { [path]: trusted({ $lt: upTo }) }] },
        { $set: { [path]: upTo } },
      )
      .exec();
    return result.modifiedCount > 0;
  }
}
