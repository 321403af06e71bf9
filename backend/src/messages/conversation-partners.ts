import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import { Conversation } from './schemas/conversation.schema';

/** Who a user shares a conversation with: what presence needs of conversations (see PresenceAudience). */
@Injectable()
export class ConversationPartners {
  constructor(@InjectModel(Conversation.name) private readonly conversations: Model<Conversation>) {}

  /**
   * The other participants of the user's conversations in which both people have written: an opened chat, or
   * messages sent to someone who never answered, do not count, so messaging everyone once reveals no one's
   * presence. One query on the participants index; grows with the user's conversations, not with the company.
   */
  async of(userId: string): Promise<string[]> {
    const rows = await this.conversations
      .find({ participants: new Types.ObjectId(userId), 'writers.1': trusted({ $exists: true }) }, { participants: 1 })
      .lean()
      .exec();
    const partners = rows.flatMap((row) => row.participants.map(String)).filter((id) => id !== userId);
    return [...new Set(partners)];
  }
}
