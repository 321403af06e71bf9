import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type FilterQuery, Model, trusted, Types } from 'mongoose';

import { Conversation } from './schemas/conversation.schema';

/**
 * Who a user shares a conversation with. One query on the participants index each; grows with the user's
 * conversations, not with the company.
 */
@Injectable()
export class ConversationPartners {
  constructor(@InjectModel(Conversation.name) private readonly conversations: Model<Conversation>) {}

  /** Everyone in a conversation with the user (who must hear that the user's account was erased). */
  all(userId: string): Promise<string[]> {
    return this.find(userId, {});
  }

  /**
   * The partners of conversations in which both people have written (what presence needs, see PresenceAudience):
   * an opened chat, or messages sent to someone who never answered, do not count, so messaging everyone once
   * reveals no one's presence.
   */
  bothWrote(userId: string): Promise<string[]> {
    // Direct conversations only: sharing a group reveals no one's presence.
    return this.find(userId, { 'writers.1': trusted({ $exists: true }), kind: trusted({ $ne: 'group' }) });
  }

  private async find(userId: string, extra: FilterQuery<Conversation>): Promise<string[]> {
    const rows = await this.conversations
      .find({ participants: new Types.ObjectId(userId), ...extra }, { participants: 1 })
      .lean()
      .exec();
    const partners = new Set(rows.flatMap((row) => row.participants.map(String)));
    partners.delete(userId);
    return [...partners];
  }
}
