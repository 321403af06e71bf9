import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted } from 'mongoose';

import { ActiveAdmins } from './schemas/active-admins.schema';
import { User } from './schemas/user.schema';

const INSTALL = 'install';
export const ACTIVE_ADMIN = { roles: 'admin', status: 'active' } as const;

/**
 * Keeps the install from losing its last active admin, under any concurrency: every write that takes an active
 * admin away goes through `removing`, every write that makes one through `adding`.
 */
@Injectable()
export class ActiveAdminsService {
  private counted: Promise<void> | null = null;

  constructor(
    @InjectModel(ActiveAdmins.name) private readonly counter: Model<ActiveAdmins>,
    @InjectModel(User.name) private readonly users: Model<User>,
  ) {}

  /**
   * Runs `write`, which takes an active admin away, only after taking one off the count; refused while one is
   * left. The count is given back when `write` changed nothing (null) or failed.
   */
  async removing<T>(write: () => Promise<T | null>): Promise<T | null | 'last_admin'> {
    await this.countOnce();
    const taken = await this.counter
      .updateOne({ _id: INSTALL, count: trusted({ $gt: 1 }) }, { $inc: { count: -1 } })
      .exec();
    if (taken.modifiedCount !== 1) return 'last_admin';
    try {
      const result = await write();
      if (result === null) await this.giveBack();
      return result;
    } catch (error) {
      await this.giveBack();
      throw error;
    }
  }

  /** Runs `write`, which makes an active admin, and counts it once it is done (null: it changed nothing). */
  async adding<T>(write: () => Promise<T | null>): Promise<T | null> {
    await this.countOnce();
    const result = await write();
    if (result !== null) await this.giveBack();
    return result;
  }

  private async giveBack(): Promise<void> {
    await this.counter.updateOne({ _id: INSTALL }, { $inc: { count: 1 } }).exec();
  }

  /** The first time on an install (new, or from before the count existed): count the active admins. */
  private countOnce(): Promise<void> {
    this.counted ??= (async () => {
      const count = await this.users.countDocuments(ACTIVE_ADMIN).exec();
      await this.counter
        .updateOne({ _id: INSTALL }, { $setOnInsert: { count } }, { upsert: true })
        .exec()
        .catch((error: { code?: number }) => {
          // Another instance inserted it at the same moment: theirs stands.
          if (error.code !== 11000) throw error;
        });
    })().catch((error: unknown) => {
      this.counted = null;
      throw error;
    });
    return this.counted;
  }
}
