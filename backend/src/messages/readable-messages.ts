import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';

import { ConversationsService } from './conversations.service';
import type { ConversationDocument } from './schemas/conversation.schema';
import { Message, type MessageDocument } from './schemas/message.schema';

/** A message someone may read, and its conversation. */
export interface ReadableMessage {
  message: MessageDocument;
  conversation: ConversationDocument;
}

/** The one home of "may `me` see this message": every route that acts on someone else's message asks here. */
@Injectable()
export class ReadableMessages {
  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly conversations: ConversationsService,
  ) {}

  /**
   * 403 when `me` is not in the conversation; 404 when the message is unknown, outside the seqs `me` may read (a
   * group member who joined later, a former member) or deleted for `me` (unless `evenHidden`): to them it does not
   * exist.
   */
  async get(me: string, messageId: string, options: { evenHidden?: boolean } = {}): Promise<ReadableMessage> {
    const message = Types.ObjectId.isValid(messageId) ? await this.messages.findById(messageId).exec() : null;
    const notFound = () => new NotFoundException({ message: 'Message not found', code: 'message_not_found' });
    if (!message) throw notFound();
    const { conversation, fromSeq, toSeq } = await this.conversations.getReadableRange(
      me,
      message.conversationId.toString(),
    );
    const hidden = !options.evenHidden && message.hiddenFor?.some((id) => id.toString() === me);
    if (message.seq < fromSeq || (toSeq !== null && message.seq > toSeq) || hidden) throw notFound();
    return { message, conversation };
  }

  /**
   * A message `me` may reply to, react to or forward: readable (see get), not deleted (409), not a system line (409).
   * With `inConversation` (a reply's original): 400 when it is not a message of that conversation.
   */
  async toActOn(me: string, messageId: string, inConversation?: Types.ObjectId): Promise<ReadableMessage> {
    if (inConversation) {
      const known = Types.ObjectId.isValid(messageId)
        ? await this.messages.exists({ _id: messageId, conversationId: inConversation }).exec()
        : null;
      if (!known) {
        throw new BadRequestException({
          message: 'replyToId must name a message of this conversation',
          code: 'invalid_reply',
        });
      }
    }
    const found = await this.get(me, messageId);
    if (found.message.deletedAt) throw messageDeleted();
    if (found.message.kind === 'system') {
      throw new ConflictException({
        message: 'A system line cannot be replied to, reacted to or forwarded',
        code: 'system_message',
      });
    }
    return found;
  }
}

export function messageDeleted(): ConflictException {
  return new ConflictException({ message: 'This message was deleted', code: 'message_deleted' });
}
