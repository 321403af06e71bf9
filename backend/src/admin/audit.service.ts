import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';

import type { AuditEntryView, Page } from '../contracts/users';
import { type PublicUserFields, publicUserProjection, toPublicUser } from '../users/user.mapper';
import { type AuditAction, AuditEntry } from './schemas/audit-entry.schema';

const PAGE_SIZE = 30;

/** What else an entry tells, e.g. {from, to} for a role change, {via: 'scim'} for an identity provider's action. */
export type AuditDetails = Record<string, unknown>;

@Injectable()
export class AuditService {
  constructor(@InjectModel(AuditEntry.name) private readonly entries: Model<AuditEntry>) {}

  /** `actorId` null: no signed-in person did it (an identity provider over SCIM, a scheduled job). */
  async record(
    actorId: string | null,
    action: AuditAction,
    targetId: string | null,
    details: AuditDetails = {},
  ): Promise<void> {
    await this.entries.create({ actorId, action, targetId, details });
  }

  /** Records an action that happens to an account at most once (erasure); repeating it changes nothing. */
  async recordOnce(
    actorId: string | null,
    action: AuditAction,
    targetId: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    const entry = {
      // Named here, not left to the upsert: the list pages by _id, so it must follow time like every other entry.
      _id: new Types.ObjectId(),
      actorId: actorId ? new Types.ObjectId(actorId) : null,
      action,
      targetId: new Types.ObjectId(targetId),
      details,
      at: new Date(),
    };
    await this.entries
      .updateOne({ onceKey: `${action}:${targetId}` }, { $setOnInsert: entry }, { upsert: true })
      .exec()
      .catch((error: { code?: number }) => {
        // A concurrent attempt inserted it first (the unique index): theirs stands.
        if (error.code !== 11000) throw error;
      });
  }

  /** Newest first, with the actor's and target's public fields. */
  async list(cursor: string | undefined): Promise<Page<AuditEntryView>> {
    const rows = await this.entries
      .aggregate<AuditEntry & { _id: Types.ObjectId; actor?: PublicUserFields; target?: PublicUserFields }>([
        ...(cursor ? [{ $match: { _id: { $lt: new Types.ObjectId(cursor) } } }] : []),
        { $sort: { _id: -1 } },
        { $limit: PAGE_SIZE + 1 },
        { $lookup: { from: 'users', localField: 'actorId', foreignField: '_id', as: 'actor' } },
        { $lookup: { from: 'users', localField: 'targetId', foreignField: '_id', as: 'target' } },
        { $unwind: { path: '$actor', preserveNullAndEmptyArrays: true } },
        { $unwind: { path: '$target', preserveNullAndEmptyArrays: true } },
        {
          $project: {
            action: 1,
            details: 1,
            at: 1,
            ...publicUserProjection('actor'),
            ...publicUserProjection('target'),
          },
        },
      ])
      .exec();
    const items = rows.slice(0, PAGE_SIZE).map((row) => ({
      id: row._id.toString(),
      action: row.action,
      actor: row.actor ? toPublicUser(row.actor) : null,
      target: row.target ? toPublicUser(row.target) : null,
      details: row.details ?? {},
      at: row.at.toISOString(),
    }));
    return { items, nextCursor: rows.length > PAGE_SIZE ? items[items.length - 1].id : null };
  }
}
