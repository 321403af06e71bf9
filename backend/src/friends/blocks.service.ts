import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';

import type { PublicUser } from '../contracts/users';
import { type PublicUserFields, publicUserProjection, toPublicUser } from '../users/user.mapper';
import { Block } from './schemas/block.schema';

@Injectable()
export class BlocksService {
  constructor(@InjectModel(Block.name) private readonly blocks: Model<Block>) {}

  /** Idempotent: blocking twice is the same as once. */
  async block(blocker: string, blocked: string): Promise<void> {
    const key = { blocker: new Types.ObjectId(blocker), blocked: new Types.ObjectId(blocked) };
    await this.blocks.updateOne(key, { $setOnInsert: key }, { upsert: true }).exec();
  }

  async unblock(blocker: string, blocked: string): Promise<void> {
    await this.blocks.deleteOne({ blocker, blocked }).exec();
  }

  async eitherBlocked(a: string, b: string): Promise<boolean> {
    const found = await this.blocks.exists({
      $or: [
        { blocker: a, blocked: b },
        { blocker: b, blocked: a },
      ],
    });
    return Boolean(found);
  }

  async hasBlocked(blocker: string, blocked: string): Promise<boolean> {
    return Boolean(await this.blocks.exists({ blocker, blocked }));
  }

  /** Everyone `blocker` blocked. */
  async blockedBy(blocker: string): Promise<string[]> {
    const rows = await this.blocks
      .find({ blocker: new Types.ObjectId(blocker) }, { blocked: 1 })
      .lean()
      .exec();
    return rows.map((row) => row.blocked.toString());
  }

  /** Of `among`, those who did not block `userId`: whom `userId`'s typing and receipts in a group still reach. */
  async notBlocking(userId: string, among: string[]): Promise<string[]> {
    if (among.length === 0) return [];
    const rows = await this.blocks
      .find({ blocked: new Types.ObjectId(userId) }, { blocker: 1 })
      .lean()
      .exec();
    const blockers = new Set(rows.map((row) => row.blocker.toString()));
    return among.filter((id) => !blockers.has(id));
  }

  /** Removes every block by or of the user (an erased account); returns the other people involved. */
  async forgetUser(userId: string): Promise<string[]> {
    const id = new Types.ObjectId(userId);
    const rows = await this.blocks
      .find({ $or: [{ blocker: id }, { blocked: id }] })
      .lean()
      .exec();
    await this.blocks.deleteMany({ $or: [{ blocker: id }, { blocked: id }] }).exec();
    return rows.map((row) => (row.blocker.equals(id) ? row.blocked : row.blocker).toString());
  }

  /** Everyone `userId` blocked or was blocked by. */
  async blockedEitherWay(userId: string): Promise<string[]> {
    const rows = await this.blocks
      .find({ $or: [{ blocker: userId }, { blocked: userId }] }, { blocker: 1, blocked: 1 })
      .lean()
      .exec();
    return rows.map((row) => (row.blocker.toString() === userId ? row.blocked : row.blocker).toString());
  }

  /** The users `blocker` has blocked, most recent first. */
  async listBlockedBy(blocker: string): Promise<PublicUser[]> {
    const rows = await this.blocks
      .aggregate<{ user: PublicUserFields }>([
        { $match: { blocker: new Types.ObjectId(blocker) } },
        { $sort: { _id: -1 } },
        { $limit: 500 },
        { $lookup: { from: 'users', localField: 'blocked', foreignField: '_id', as: 'user' } },
        { $unwind: '$user' },
        { $project: publicUserProjection('user') },
      ])
      .exec();
    return rows.map((row) => toPublicUser(row.user));
  }
}
