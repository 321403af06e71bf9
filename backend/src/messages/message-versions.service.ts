import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import type { MessageVersionView } from '../contracts/messages';
import type { Message } from './schemas/message.schema';
import { MessageVersion, type VersionReason } from './schemas/message-version.schema';

type StoredMessage = Pick<Message, 'conversationId' | 'text' | 'media' | 'createdAt' | 'editedAt'> & {
  _id: Types.ObjectId;
};

/** The `message_versions` collection: what a message said before an edit, and content kept under a legal hold. */
@Injectable()
export class MessageVersionsService {
  constructor(@InjectModel(MessageVersion.name) private readonly versions: Model<MessageVersion>) {}

  /** `before` is the message as it was right before the edit (the write's pre-image, so each edit keeps one). */
  async recordEdit(before: StoredMessage): Promise<void> {
    await this.versions.create({
      messageId: before._id,
      conversationId: before.conversationId,
      reason: 'edit',
      text: before.text,
      media: null,
      at: before.editedAt ?? before.createdAt,
    });
  }

  /** Keeps the content a held deletion takes (once per message and reason, so a retried deletion keeps one copy). */
  async keep(message: StoredMessage, reason: Exclude<VersionReason, 'edit'>): Promise<void> {
    await this.versions
      .updateOne(
        { messageId: message._id, reason },
        {
          $setOnInsert: {
            // Named here, not left to the upsert: versions are read in _id order, which must follow time.
            _id: new Types.ObjectId(),
            conversationId: message.conversationId,
            text: message.text,
            media: message.media,
            at: new Date(),
          },
        },
        { upsert: true },
      )
      .exec();
  }

  /** The earlier texts of an edited message, oldest first. */
  async editsOf(messageId: Types.ObjectId): Promise<MessageVersionView[]> {
    const rows = await this.versions.find({ messageId, reason: 'edit' }).sort({ _id: 1 }).lean().exec();
    return rows.map((row) => ({ text: row.text, at: row.at.toISOString() }));
  }

  /** Every version of the given messages, oldest first, by message id (the compliance export). */
  async allOf(messageIds: Types.ObjectId[]) {
    const rows = await this.versions
      .find({ messageId: trusted({ $in: messageIds }) })
      .sort({ messageId: 1, _id: 1 })
      .lean()
      .exec();
    const byMessage = new Map<string, typeof rows>();
    for (const row of rows) {
      const key = row.messageId.toString();
      byMessage.set(key, [...(byMessage.get(key) ?? []), row]);
    }
    return byMessage;
  }

  async deleteFor(messageIds: Types.ObjectId[]): Promise<void> {
    await this.versions.deleteMany({ messageId: trusted({ $in: messageIds }) }).exec();
  }
}
