import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted } from 'mongoose';

import { collectionsReady } from '../database/database.module';
import { runMigrationOnce } from '../database/migrations';
import { nameKeys } from './name-keys';
import { User } from './schemas/user.schema';

const MIGRATION_ID = 'user-name-keys';
const BATCH = 500;

/**
 * Gives accounts stored before word search existed their `nameKeys`, at start-up. Each write sets the keys only
 * while the account still has none and the same display name, so it is safe to repeat and cannot overwrite a
 * rename that happened meanwhile.
 */
@Injectable()
export class NameKeysBackfill implements OnModuleInit {
  private readonly logger = new Logger(NameKeysBackfill.name);

  constructor(@InjectModel(User.name) private readonly users: Model<User>) {}

  async onModuleInit(): Promise<void> {
    await collectionsReady(this.users.db);
    await runMigrationOnce(this.users.db, MIGRATION_ID, () => this.run());
  }

  private async run(): Promise<void> {
    const missing = { nameKeys: trusted({ $exists: false }) };
    let updated = 0;
    for (;;) {
      const batch = await this.users.find(missing, { displayName: 1 }).limit(BATCH).lean();
      if (!batch.length) break;
      const writes = batch.map(({ _id, displayName }) => ({
        updateOne: {
          filter: { _id, displayName, ...missing },
          update: { $set: { nameKeys: nameKeys(displayName) } },
        },
      }));
      await this.users.bulkWrite(writes, { ordered: false });
      updated += batch.length;
    }
    if (updated) this.logger.log(`indexed the names of ${updated} accounts for search`);
  }
}
