import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';

import { ConversationsService } from './conversations.service';
import type { ConversationDocument } from './schemas/conversation.schema';
import { Message, type MessageDocument } from './schemas/message.schema';

/** A message someone acts on (reacts to, forwards) and its conversation. */
export interface ReadableMessage {
  message: MessageDocument;
  conversation: ConversationDocument;
}

/** Finds a message that `me` may see and act on: not deleted, not a system line. */
@Injectable()
export class ReadableMessages {
  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly conversations: ConversationsService,
  ) {}

  /**
   * 404 unknown, 403 outside what `me` may read (never a member, or beyond a group member's range), 409 deleted.
   * With `inConversation` (a reply's original): 400 when it is not a message of that conversation.
   */
  async get(me: string, messageId: string, inConversation?: Types.ObjectId): Promise<ReadableMessage> {
    const message = Types.ObjectId.isValid(messageId) ? await this.messages.findById(messageId).exec() : null;
    if (inConversation && !message?.conversationId.equals(inConversation)) {
      throw new BadRequestException({
        message: 'replyToId must name a message of this conversation',
        code: 'invalid_reply',
      });
    }
    if (!message) throw new NotFoundException({ message: 'Message not found', code: 'message_not_found' });
    const { conversation, fromSeq, toSeq } = await this.conversations.getReadableRange(
      me,
      message.conversationId.toString(),
    );
    if (message.seq < fromSeq || (toSeq !== null && message.seq > toSeq)) {
      throw new ForbiddenException({ message: 'You cannot see this message', code: 'message_not_readable' });
    }
    if (message.deletedAt)
      throw new ConflictException({ message: 'This message was deleted', code: 'message_deleted' });
    if (message.kind === 'system') {
      throw new ConflictException({
        message: 'A system line cannot be replied to, reacted to or forwarded',
        code: 'system_message',
      });
    }
    return { message, conversation };
  }
}
