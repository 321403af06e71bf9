import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted } from 'mongoose';

import { JobLease } from './schemas/job-lease.schema';

/**
 * One instance at a time runs a job: a lease document per job, taken with a single conditional upsert (no
 * transactions). Expired or ours: we take it; held by another: the upsert's insert hits the _id and fails.
 */
@Injectable()
export class JobLeases {
  /** This process, as a lease owner. */
  private readonly owner = randomUUID();

  constructor(@InjectModel(JobLease.name) private readonly leases: Model<JobLease>) {}

  async acquire(job: string, ttlMs: number): Promise<boolean> {
    const now = new Date();
    try {
      await this.leases
        .updateOne(
          { _id: job, $or: [{ until: trusted({ $lte: now }) }, { owner: this.owner }] },
          { $set: { owner: this.owner, until: new Date(now.getTime() + ttlMs) } },
          { upsert: true },
        )
        .exec();
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }

  /** Extends our lease; false when it is no longer ours (it ran out and another instance took it). */
  async renew(job: string, ttlMs: number): Promise<boolean> {
    const result = await this.leases
      .updateOne({ _id: job, owner: this.owner }, { $set: { until: new Date(Date.now() + ttlMs) } })
      .exec();
    return result.matchedCount === 1;
  }

  async release(job: string): Promise<void> {
    await this.leases.updateOne({ _id: job, owner: this.owner }, { $set: { until: new Date(0) } }).exec();
  }
}
