import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import type { HoldKind } from '../contracts/compliance';
import { LegalHold, type LegalHoldDocument } from './schemas/legal-hold.schema';

/** The people and the conversation itself, which a hold may name. */
export interface HeldScope {
  _id: Types.ObjectId;
  participants: Types.ObjectId[];
  members?: { userId: Types.ObjectId }[];
}

/**
 * Which conversations are under a legal hold: those held themselves, and every conversation a held user takes or
 * took part in. Read on each deletion (one indexed query), so placing or releasing a hold applies at once everywhere.
 */
@Injectable()
export class LegalHoldsService {
  constructor(@InjectModel(LegalHold.name) private readonly holds: Model<LegalHold>) {}

  async covers(conversation: HeldScope): Promise<boolean> {
    const people = [...conversation.participants, ...(conversation.members ?? []).map((m) => m.userId)];
    const hold = await this.holds
      .exists({
        $or: [
          { targetId: conversation._id, kind: 'conversation' },
          { targetId: trusted({ $in: people }), kind: 'user' },
        ],
      })
      .exec();
    return hold !== null;
  }

  /** Idempotent: placing a hold that is on returns it unchanged (`created` false). */
  async place(
    kind: HoldKind,
    targetId: string,
    reason: string,
    placedBy: string,
  ): Promise<{ hold: LegalHoldDocument; created: boolean }> {
    const filter = { targetId: new Types.ObjectId(targetId), kind };
    try {
      const result = await this.holds
        .findOneAndUpdate(
          filter,
          { $setOnInsert: { ...filter, reason, placedBy: new Types.ObjectId(placedBy), placedAt: new Date() } },
          { upsert: true, new: true, includeResultMetadata: true },
        )
        .exec();
      return { hold: result.value!, created: !result.lastErrorObject?.updatedExisting };
    } catch (error) {
      // A concurrent attempt inserted it first (the unique index): theirs stands.
      if ((error as { code?: number }).code !== 11000) throw error;
      return { hold: (await this.holds.findOne(filter).exec())!, created: false };
    }
  }

  /** The released hold, or null when there was none. */
  async release(id: string): Promise<LegalHoldDocument | null> {
    return Types.ObjectId.isValid(id) ? this.holds.findByIdAndDelete(id).exec() : null;
  }

  list(): Promise<LegalHoldDocument[]> {
    return this.holds.find().sort({ placedAt: -1 }).exec();
  }

  async targetsOf(kind: HoldKind): Promise<Types.ObjectId[]> {
    const rows = await this.holds.find({ kind }, { targetId: 1 }).lean().exec();
    return rows.map((row) => row.targetId);
  }
}
