import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import { collectionsReady } from '../database/database.module';
import { runMigrationOnce } from '../database/migrations';
import { Message } from '../messages/schemas/message.schema';
import { termsOf } from './search-terms';

/** The marker of a finished backfill, in the `migrations` collection: later starts look it up and do nothing. */
const MIGRATION_ID = 'message-search-terms';
const BATCH = 500;

/**
 * Gives the messages stored before search existed their `searchTerms`, at start-up and before the app serves. It
 * walks the collection once in _id order a batch at a time (bounded memory, the _id index), and sets the terms only
 * on a message that still has none, so an edit meanwhile (whose terms searchTermsPlugin wrote) is never overwritten,
 * a crash is finished by the next start, and instances starting together do the same harmless writes.
 */
@Injectable()
export class SearchTermsBackfill implements OnModuleInit {
  private readonly logger = new Logger(SearchTermsBackfill.name);

  constructor(@InjectModel(Message.name) private readonly messages: Model<Message>) {}

  async onModuleInit(): Promise<void> {
    await collectionsReady(this.messages.db);
    await this.run();
  }

  run(): Promise<void> {
    return runMigrationOnce(this.messages.db, MIGRATION_ID, async () => {
      let after: Types.ObjectId | null = null;
      let filled = 0;
      for (;;) {
        const batch: { _id: Types.ObjectId; text: string | null; searchTerms?: string[] }[] = await this.messages
          .find(after ? { _id: trusted({ $gt: after }) } : {}, { text: 1, searchTerms: 1 })
          .sort({ _id: 1 })
          .limit(BATCH)
          .lean()
          .exec();
        if (!batch.length) break;
        after = batch[batch.length - 1]._id;
        const missing = batch.filter((message) => message.searchTerms === undefined);
        if (!missing.length) continue;
        await this.messages.bulkWrite(
          missing.map((message) => ({
            updateOne: {
              filter: { _id: message._id, searchTerms: trusted({ $exists: false }) },
              update: { $set: { searchTerms: termsOf(message.text) } },
            },
          })),
        );
        filled += missing.length;
      }
      if (filled) this.logger.log(`indexed the words of ${filled} messages stored before search existed`);
    });
  }
}
