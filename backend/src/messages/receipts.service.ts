import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import { MessageServerEvent } from '../contracts/socket-events';
import { RealtimeService } from '../realtime/realtime.service';
import { UsersService } from '../users/users.service';
import { ConversationsService } from './conversations.service';
import { Conversation, type ConversationDocument } from './schemas/conversation.schema';
import { Message } from './schemas/message.schema';

/** A receipt marker: the message id clients are told, and its seq, which the marker moves forward by. */
interface Mark {
  id: string;
  seq: number;
}

/** Delivered and read receipts: per-member markers on the conversation, announced to the other members. */
@Injectable()
export class ReceiptsService {
  constructor(
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly conversationsService: ConversationsService,
    private readonly users: UsersService,
    private readonly realtime: RealtimeService,
  ) {}

  /**
   * The recipient's client got messages up to `upTo`: the sender (every other member) sees "Delivered"; not a
   * member who blocked the recipient (see ConversationsService.othersHearing).
   */
  async markDelivered(me: string, conversationId: string, upTo: string): Promise<void> {
    const conversation = await this.conversationsService.getForParticipant(me, conversationId);
    const mark = await this.markOf(conversation, upTo);
    if (!(await this.advance(conversation, 'delivered', me, mark))) return;
    this.realtime.toUsers(
      await this.conversationsService.othersHearing(conversation, me),
      MessageServerEvent.ConversationDelivered,
      {
        conversationId,
        userId: me,
        upTo,
        upToSeq: mark.seq,
      },
    );
  }

  /**
   * Read up to `upTo`: unread drops to 0 on every tab; the sender sees "Seen" unless receipts are off. A receipt
   * that does not move the marker forward (an older message, arriving late) changes nothing, unread included.
   */
  async markRead(me: string, conversationId: string, upTo: string): Promise<void> {
    const conversation = await this.conversationsService.getForParticipant(me, conversationId);
    const mark = await this.markOf(conversation, upTo);
    await this.advance(conversation, 'delivered', me, mark);
    if (!(await this.advance(conversation, 'read', me, mark))) return;
    const payload = { conversationId, userId: me, upTo, upToSeq: mark.seq };
    this.realtime.toUser(me, MessageServerEvent.ConversationRead, payload);
    const reader = await this.users.findById(me);
    if (reader?.settings?.readReceipts !== false) {
      const others = await this.conversationsService.othersHearing(conversation, me);
      this.realtime.toUsers(others, MessageServerEvent.ConversationRead, payload);
    }
  }

  private async markOf(conversation: ConversationDocument, upTo: string): Promise<Mark> {
    const message = await this.messages
      .findOne({ _id: new Types.ObjectId(upTo), conversationId: conversation._id }, { seq: 1 })
      .lean()
      .exec();
    if (!message) {
      throw new BadRequestException({
        message: 'upTo must name a message of this conversation',
        code: 'invalid_up_to',
      });
    }
    return { id: upTo, seq: message.seq };
  }

  /** Moves a per-user marker forward by seq only (one conditional write); reading also clears the unread count. */
  private async advance(
    conversation: ConversationDocument,
    receipt: 'read' | 'delivered',
    me: string,
    mark: Mark,
  ): Promise<boolean> {
    const [ids, seqs] = receipt === 'read' ? ['lastRead', 'lastReadSeq'] : ['lastDelivered', 'lastDeliveredSeq'];
    const seqPath = `${seqs}.${me}`;
    const result = await this.conversations
      .updateOne(
        {
          _id: conversation._id,
          $or: [{ [seqPath]: trusted({ $exists: false }) }, { [seqPath]: trusted({ $lt: mark.seq }) }],
        },
        {
          $set: {
            [`${ids}.${me}`]: mark.id,
            [seqPath]: mark.seq,
            ...(receipt === 'read' ? { [`unread.${me}`]: 0 } : {}),
          },
        },
      )
      .exec();
    return result.modifiedCount > 0;
  }
}
