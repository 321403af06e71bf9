import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, type Types } from 'mongoose';

import type { MessageView } from '../contracts/messages';
import { firstReadableSeq } from './conversation-view';
import { type MessageLike, toMessageView, toReplyQuote } from './message.mapper';
import type { Conversation } from './schemas/conversation.schema';
import { Message } from './schemas/message.schema';

type StoredMessage = MessageLike & { replyToId?: Types.ObjectId | null };

const QUOTED_FIELDS = { senderId: 1, kind: 1, text: 1, deletedAt: 1, seq: 1, hiddenFor: 1 } as const;

/** Whether `reader` deleted the original for themselves: to them its quote is like one of an unreadable message. */
function hiddenFrom(original: { hiddenFor?: Types.ObjectId[] }, reader: string | undefined): boolean {
  return reader !== undefined && (original.hiddenFor ?? []).some((id) => id.toString() === reader);
}

/**
 * Views of stored messages with the quotes of the messages they reply to, read when the view is built (so a quote
 * shows the original's edit or deletion): one query per batch of messages, never one per reply.
 */
@Injectable()
export class MessageViews {
  constructor(@InjectModel(Message.name) private readonly messages: Model<Message>) {}

  /**
   * For `reader`, who may see the conversation from seq `readableFrom` on: a quote of an earlier message (a group
   * member who joined later) or of one they deleted for themselves keeps only who wrote it and its kind.
   */
  async of(rows: StoredMessage[], readableFrom = 0, reader?: string): Promise<MessageView[]> {
    const ids = [
      ...new Set(rows.flatMap((row) => (row.replyToId && !row.deletedAt ? [row.replyToId.toString()] : []))),
    ];
    const originals = ids.length
      ? await this.messages
          .find({ _id: trusted({ $in: ids }) }, QUOTED_FIELDS)
          .lean()
          .exec()
      : [];
    const byId = new Map(originals.map((original) => [original._id.toString(), original]));
    return rows.map((row) => {
      const original = row.replyToId ? byId.get(row.replyToId.toString()) : undefined;
      const readable = original && original.seq >= readableFrom && !hiddenFrom(original, reader);
      return toMessageView(row, original ? toReplyQuote(original, Boolean(readable)) : undefined);
    });
  }

  async one(row: StoredMessage, reader: string): Promise<MessageView> {
    return (await this.of([row], 0, reader))[0];
  }

  /**
   * Tells `audience` about the message with `tell`. Whoever deleted the quoted original for themselves, and in a
   * group (pass its document) a member who may not see it, gets the quote without its content. Returns the full
   * view (for webhooks).
   */
  async tell(
    row: StoredMessage,
    audience: string[],
    tell: (users: string[], view: MessageView) => void,
    group?: Conversation,
  ): Promise<MessageView> {
    const original =
      row.replyToId && !row.deletedAt ? await this.messages.findById(row.replyToId, QUOTED_FIELDS).lean().exec() : null;
    const viewWith = (readable: boolean) => toMessageView(row, original ? toReplyQuote(original, readable) : undefined);
    const blind = new Set([
      ...(group && original
        ? (group.members ?? [])
            .filter((member) => firstReadableSeq(group, member) > original.seq)
            .map((member) => member.userId.toString())
        : []),
      ...(original?.hiddenFor ?? []).map(String),
    ]);
    const full = viewWith(true);
    const seeing = audience.filter((user) => !blind.has(user));
    if (seeing.length) tell(seeing, full);
    if (seeing.length < audience.length)
      tell(
        audience.filter((user) => blind.has(user)),
        viewWith(false),
      );
    return full;
  }
}
