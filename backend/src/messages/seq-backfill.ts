import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import { collectionsReady } from '../database/database.module';
import { runMigrationOnce } from '../database/migrations';
import { Conversation } from './schemas/conversation.schema';
import { Message } from './schemas/message.schema';

/** The marker of a finished backfill, in the `migrations` collection: later starts look it up and do nothing. */
const MIGRATION_ID = 'message-seq';
const BATCH = 500;

/**
 * Gives the messages stored before seqs existed their seq, at start-up and before the app serves.
 *
 * Why before the index rather than with a partial one: the unique {conversationId, seq} index cannot be built while
 * a conversation holds two messages without a seq (a missing key is indexed as null). A partial index on
 * `seq: {$exists: true}` would avoid that on a real MongoDB, but the embedded engine ignores partialFilterExpression,
 * and a real MongoDB would use such an index only for queries that name `seq`. So the Message schema builds no
 * index by itself (autoIndex off): this step backfills first, then builds the indexes, on every start.
 *
 * Each write is one single-document update that is safe to repeat, so the next start finishes what a crash left,
 * and instances starting at once may run it together. Per conversation, a batch of the oldest messages without a
 * seq (in _id order) continues from the seq of the message just before them; a message is numbered only while it
 * has no seq, and a worker stops its batch at the first message someone else numbered, then reads again. So the
 * numbered messages are always a prefix of the conversation in _id order, numbered 1..n, and two workers racing for
 * a message give it the same number; if anything ever gave one twice, the unique index built next would refuse to
 * build and the start would fail loudly. lastSeq is raised before its numbers are used, so a send (lastSeq + 1)
 * never reuses one. The queries use the {conversationId, _id} index that installs from before seqs have.
 * Instances running the code from before seqs must be stopped first: what they store meanwhile has no seq.
 */
@Injectable()
export class SeqBackfill implements OnModuleInit {
  private readonly logger = new Logger(SeqBackfill.name);

  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
  ) {}

  async onModuleInit(): Promise<void> {
    await collectionsReady(this.messages.db);
    await this.run();
    await this.messages.createIndexes();
  }

  /** Numbers every message without a seq; one lookup by _id when an earlier start has finished it. */
  run(): Promise<void> {
    return runMigrationOnce(this.messages.db, MIGRATION_ID, async () => {
      let numbered = 0;
      for await (const { _id } of this.conversations.find({}, { _id: 1 }).sort({ _id: 1 }).lean()) {
        numbered += await this.backfillConversation(_id);
      }
      // Messages whose conversation no longer exists.
      for (;;) {
        const orphan = await this.messages.findOne({ seq: trusted({ $exists: false }) }, { conversationId: 1 }).lean();
        if (!orphan) break;
        numbered += await this.backfillConversation(orphan.conversationId);
      }
      if (numbered) this.logger.log(`numbered ${numbered} messages stored before seqs existed`);
    });
  }

  /** Numbers the conversation's messages without a seq, then gives its preview and receipts their seqs. */
  private async backfillConversation(conversationId: Types.ObjectId): Promise<number> {
    let numbered = 0;
    for (;;) {
      const batch = await this.messages
        .find({ conversationId, seq: trusted({ $exists: false }) }, { _id: 1 })
        .sort({ _id: 1 })
        .limit(BATCH)
        .lean();
      if (!batch.length) break;
      const previous = await this.messages
        .findOne({ conversationId, _id: trusted({ $lt: batch[0]._id }) }, { seq: 1 })
        .sort({ _id: -1 })
        .lean();
      const from = previous?.seq ?? 0;
      await this.conversations.updateOne({ _id: conversationId }, { $max: { lastSeq: from + batch.length } });
      for (const [i, { _id }] of batch.entries()) {
        if (!(await this.number(_id, from + 1 + i))) break;
        numbered += 1;
      }
    }
    await this.fillConversationSeqs(conversationId);
    return numbered;
  }

  /** False when the message has a seq already (another instance numbered it) or the number is taken. */
  private async number(messageId: Types.ObjectId, seq: number): Promise<boolean> {
    try {
      const result = await this.messages.updateOne(
        { _id: messageId, seq: trusted({ $exists: false }) },
        { $set: { seq } },
      );
      return result.modifiedCount === 1;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }

  /** The preview and the read/delivered markers carry the seq of the message they name. */
  private async fillConversationSeqs(conversationId: Types.ObjectId): Promise<void> {
    const conversation = await this.conversations.findById(conversationId).lean();
    if (!conversation) return;
    const seqOf = async (id: unknown) => (await this.messages.findById(id, { seq: 1 }).lean())?.seq;
    const last = conversation.lastMessage;
    if (last && last.seq === undefined) {
      const seq = await seqOf(last.id);
      if (seq !== undefined) {
        await this.conversations.updateOne(
          { _id: conversationId, 'lastMessage.id': last.id, 'lastMessage.seq': trusted({ $exists: false }) },
          { $set: { 'lastMessage.seq': seq } },
        );
      }
    }
    for (const [ids, seqs] of [
      ['lastRead', 'lastReadSeq'],
      ['lastDelivered', 'lastDeliveredSeq'],
    ] as const) {
      const known = (conversation[seqs] ?? {}) as Record<string, number>;
      for (const [userId, messageId] of Object.entries((conversation[ids] ?? {}) as Record<string, string>)) {
        if (known[userId] !== undefined) continue;
        const seq = await seqOf(messageId);
        if (seq === undefined) continue;
        await this.conversations.updateOne(
          { _id: conversationId, [`${ids}.${userId}`]: messageId, [`${seqs}.${userId}`]: trusted({ $exists: false }) },
          { $set: { [`${seqs}.${userId}`]: seq } },
        );
      }
    }
  }
}
