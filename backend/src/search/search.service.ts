import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type FilterQuery, Model, trusted, Types } from 'mongoose';

import { decodeCursor, encodeCursor } from '../common/cursor';
import type { SearchResult } from '../contracts/search';
import type { Page } from '../contracts/users';
import { BlocksService } from '../friends/blocks.service';
import type { ReadableRange } from '../messages/conversations.service';
import { ConversationsService } from '../messages/conversations.service';
import { toMessageView } from '../messages/message.mapper';
import { Message } from '../messages/schemas/message.schema';
import { queryTermsOf, snippetOf } from './search-terms';

const PAGE = 20;

export interface SearchInput {
  q: string;
  conversationId?: string;
  cursor?: string;
}

/**
 * Finds my messages by the beginnings of their words, newest first, in what I may read: the conversations I am or
 * was in, a group's seqs from my first readable one to my leaving (ConversationsService.readableRangesOf, the one
 * rule history uses too), without deleted messages, messages I deleted for me, system lines, or messages from
 * people I blocked (the timeline folds those away).
 *
 * Each query word is one condition on the multikey `searchTerms`: equality for a one-letter word, else an anchored
 * regex on the escaped word (`^word`), which a real MongoDB turns into one index range per conversation of the
 * {conversationId, searchTerms} index. So a search reads the index entries of my conversations that begin with the
 * word, never the collection, and costs in proportion to how many of my messages have such a word.
 */
@Injectable()
export class SearchService {
  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly conversations: ConversationsService,
    private readonly blocks: BlocksService,
  ) {}

  async search(me: string, input: SearchInput): Promise<Page<SearchResult>> {
    const terms = queryTermsOf(input.q);
    const after = input.cursor ? parseCursor(input.cursor) : null;
    if (!terms.length) return { items: [], nextCursor: null };
    const ranges = input.conversationId
      ? [await this.conversations.getReadableRange(me, input.conversationId)]
      : await this.conversations.readableRangesOf(me);
    if (!ranges.length) return { items: [], nextCursor: null };
    const blocked = await this.blocks.blockedBy(me);
    const rows = await this.messages
      .find({
        conversationId: trusted({ $in: ranges.map((range) => range.conversation._id) }),
        deletedAt: null,
        kind: trusted({ $ne: 'system' }),
        hiddenFor: trusted({ $ne: new Types.ObjectId(me) }),
        ...(blocked.length ? { senderId: trusted({ $nin: blocked.map((id) => new Types.ObjectId(id)) }) } : {}),
        $and: [
          ...terms.map((term) => ({ searchTerms: term.length === 1 ? term : new RegExp(`^${escapeRegExp(term)}`) })),
          ...readableSeqs(ranges),
          ...(after
            ? [
                {
                  $or: [
                    { createdAt: trusted({ $lt: after.createdAt }) },
                    { createdAt: after.createdAt, _id: trusted({ $lt: after.id }) },
                  ],
                },
              ]
            : []),
        ],
      })
      .sort({ createdAt: -1, _id: -1 })
      .limit(PAGE + 1)
      .lean()
      .exec();
    const page = rows.slice(0, PAGE);
    const items = page.map((row) => ({
      message: toMessageView(row),
      conversationId: row.conversationId.toString(),
      snippet: snippetOf(row.text ?? '', terms),
    }));
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > PAGE ? encodeCursor(`${last.createdAt.toISOString()}|${last._id.toString()}`) : null;
    return { items, nextCursor };
  }
}

/** The seq bounds of the conversations I may read only part of (groups); none when I may read all of each. */
function readableSeqs(ranges: ReadableRange[]): FilterQuery<Message>[] {
  const partial = ranges.filter((range) => range.fromSeq > 1 || range.toSeq !== null);
  if (!partial.length) return [];
  const whole = ranges.filter((range) => !partial.includes(range)).map((range) => range.conversation._id);
  return [
    {
      $or: [
        ...(whole.length ? [{ conversationId: trusted({ $in: whole }) }] : []),
        ...partial.map(({ conversation, fromSeq, toSeq }) => ({
          conversationId: conversation._id,
          seq: trusted({ $gte: fromSeq, ...(toSeq === null ? {} : { $lte: toSeq }) }),
        })),
      ],
    },
  ];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function parseCursor(cursor: string): { createdAt: Date; id: Types.ObjectId } {
  const key = decodeCursor(cursor, (key) => {
    const [at, id] = key.split('|');
    return !Number.isNaN(Date.parse(at)) && Types.ObjectId.isValid(id ?? '') && /^[0-9a-f]{24}$/.test(id);
  });
  const [at, id] = key.split('|');
  return { createdAt: new Date(at), id: new Types.ObjectId(id) };
}
