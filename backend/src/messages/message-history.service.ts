import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import type { MessageView, MessageWindowView } from '../contracts/messages';
import type { Page } from '../contracts/users';
import { ConversationsService, type ReadableRange } from './conversations.service';
import { MessageViews } from './message-views';
import { Message, type MessageDocument } from './schemas/message.schema';

export interface HistoryQuery {
  before?: string;
  after?: string;
  limit?: number;
}

const DEFAULT_PAGE = 50;
/**
 * Gaps in the seqs. A seq is taken (an atomic $inc on the conversation) right before the message's insert, so
 * another instance may store seq n+1 before seq n lands, and a process that dies between the two steps leaves n
 * unused for ever. A page must not step over a gap that may still fill (a client catching up `after` it would skip
 * that message for good), nor wait for ever on one that never will. So a page waits while the message right after
 * a gap is younger than GAP_SETTLE_MS (an insert lands milliseconds after its seq is taken), and then counts the
 * gap as permanent. This assumes the instances' clocks agree to well within GAP_SETTLE_MS.
 */
const GAP_SETTLE_MS = 5_000;
const GAP_POLL_MS = 25;

/** Reading a conversation's messages in seq order: the newest page, older pages, and catching up. */
@Injectable()
export class MessageHistoryService {
  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly conversations: ConversationsService,
    private readonly views: MessageViews,
  ) {}

  /**
   * Every message of a conversation that `me` may read (in a group: from their joining on), oldest first, read a
   * page at a time (the personal data export).
   */
  async *everyMessage(me: string, conversationId: string, pageSize = 500): AsyncGenerator<MessageView> {
    const { conversation, fromSeq, toSeq } = await this.conversations.getReadableRange(me, conversationId);
    let after = fromSeq - 1;
    for (;;) {
      const rows = await this.messages
        .find({
          conversationId: conversation._id,
          seq: trusted({ $gt: after, ...(toSeq === null ? {} : { $lte: toSeq }) }),
          hiddenFor: trusted({ $ne: new Types.ObjectId(me) }),
        })
        .sort({ seq: 1 })
        .limit(pageSize)
        .lean()
        .exec();
      yield* await this.views.of(rows, fromSeq, me);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].seq;
    }
  }

  /**
   * `before`: older than that message, newest first. `after`: newer, oldest first. Neither: the newest page. In a
   * group, only what the reader may see: from their joining on, and for a former member up to their leaving. What
   * the reader deleted for themselves is left out after the gaps are judged (to them it is not a gap); the cursor
   * still moves past it.
   */
  async page(me: string, conversationId: string, query: HistoryQuery): Promise<Page<MessageView>> {
    if (query.before && query.after) {
      throw new BadRequestException({ message: 'Give before or after, not both', code: 'invalid_cursor' });
    }
    const range = await this.conversations.getReadableRange(me, conversationId);
    const forward = Boolean(query.after);
    const cursor = query.after ?? query.before;
    const from = cursor ? await this.seqOf(range.conversation._id, cursor) : null;
    const { rows, more } = await this.settledRun(range, forward, from, query.limit ?? DEFAULT_PAGE);
    const shown = await this.shownViews(rows, me, range.fromSeq);
    return { items: shown, nextCursor: more && rows.length ? idOf(rows.at(-1)!) : null };
  }

  /**
   * The message `around` with up to `limit` messages in all: half of the rest older, the others newer, oldest first.
   * 404 when the reader may not see that message (see ReadableMessages), like any other message they may not see.
   */
  async window(me: string, conversationId: string, around: string, limit = DEFAULT_PAGE): Promise<MessageWindowView> {
    const range = await this.conversations.getReadableRange(me, conversationId);
    const target = await this.messages.findOne({ _id: around, conversationId: range.conversation._id }).exec();
    const readable =
      target &&
      target.seq >= range.fromSeq &&
      (range.toSeq === null || target.seq <= range.toSeq) &&
      !target.hiddenFor?.some((id) => id.toString() === me);
    if (!readable) throw new NotFoundException({ message: 'Message not found', code: 'message_not_found' });
    const newerLimit = Math.floor((limit - 1) / 2);
    const [older, newer] = await Promise.all([
      this.settledRun(range, false, target.seq, limit - 1 - newerLimit),
      this.settledRun(range, true, target.seq, newerLimit),
    ]);
    const rows = [...[...older.rows].reverse(), target, ...newer.rows];
    const edge = (run: Run) => (run.more ? idOf(run.rows.at(-1) ?? target) : null);
    return {
      items: await this.shownViews(rows, me, range.fromSeq),
      olderCursor: edge(older),
      newerCursor: edge(newer),
    };
  }

  /**
   * Up to `limit` messages the reader may see past seq `from` (or from the newest, backwards), in the order walked,
   * not stepping over a gap that may still fill (see GAP_SETTLE_MS); `more` when there are further ones to ask for.
   */
  private async settledRun(range: ReadableRange, forward: boolean, from: number | null, limit: number): Promise<Run> {
    const { conversation, fromSeq, toSeq } = range;
    const deadline = Date.now() + GAP_SETTLE_MS;
    for (;;) {
      const rows = await this.messages
        .find({
          conversationId: conversation._id,
          seq: trusted({
            $gte: forward && from !== null ? Math.max(from + 1, fromSeq) : fromSeq,
            ...(toSeq === null ? {} : { $lte: toSeq }),
            ...(!forward && from !== null ? { $lt: from } : {}),
          }),
        })
        .sort({ seq: forward ? 1 : -1 })
        .limit(limit + 1)
        .exec();
      const page = rows.slice(0, limit);
      // Seqs before the reader's first one are not theirs to wait for.
      const start = from === null ? null : Math.max(from, fromSeq - 1);
      const gap = firstYoungGap(forward ? page : [...page].reverse(), forward ? start : null);
      if (gap === null) return { rows: page, more: rows.length > limit };
      if (Date.now() >= deadline) {
        // Still gaps that may fill, but new ones: hand out what is settled and let the client ask again.
        return forward ? { rows: page.slice(0, gap), more: gap > 0 } : { rows: page, more: rows.length > limit };
      }
      await new Promise((resolve) => setTimeout(resolve, GAP_POLL_MS));
    }
  }

  /** Views of the rows but those the reader deleted for themselves (the cursors still move past them). */
  private shownViews(rows: MessageDocument[], reader: string, readableFrom: number): Promise<MessageView[]> {
    const shown = rows.filter((row) => !row.hiddenFor?.some((id) => id.toString() === reader));
    return this.views.of(shown, readableFrom, reader);
  }

  private async seqOf(conversationId: Types.ObjectId, messageId: string): Promise<number> {
    const message = await this.messages.findOne({ _id: messageId, conversationId }, { seq: 1 }).lean().exec();
    if (!message) {
      throw new BadRequestException({
        message: 'before and after must name a message of this conversation',
        code: 'invalid_cursor',
      });
    }
    return message.seq;
  }
}

/** Messages in the order a page walked them, and whether there are more that way. */
interface Run {
  rows: MessageDocument[];
  more: boolean;
}

const idOf = (row: MessageDocument) => row._id.toString();

/**
 * In rows ascending by seq (after `from`, when given), the index of the first message that follows a missing seq
 * and is young enough for that seq to be still on its way; null when every gap is settled.
 */
function firstYoungGap(rows: MessageDocument[], from: number | null): number | null {
  const settledBefore = Date.now() - GAP_SETTLE_MS;
  let previous = from;
  for (let i = 0; i < rows.length; i++) {
    const { seq, createdAt } = rows[i];
    if (previous !== null && seq > previous + 1 && createdAt.getTime() > settledBefore) return i;
    previous = seq;
  }
  return null;
}
