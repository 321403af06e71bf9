import { setImmediate } from 'node:timers/promises';

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';

import { AuditService } from '../admin/audit.service';
import { retentionConfig } from '../config';
import { ConversationsService } from '../messages/conversations.service';
import { MessageKeepingService } from '../messages/message-keeping.service';
import { JobLeases } from './job-lease';
import { LegalHoldsService } from './legal-holds.service';

const JOB = 'retention';
const LEASE_MS = 10 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * With RETENTION_DAYS set, removes messages older than that (media and versions with them) every hour, except in
 * conversations under a legal hold. One instance runs it at a time (a lease), a chunk at a time, yielding between
 * chunks; a run that dies half-way leaves nothing the next one cannot finish. Each run that removed anything is
 * audited.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionJob.name);
  private timer: NodeJS.Timeout | null = null;
  /** This instance's lease is reentrant: this keeps a run from starting while one is going on here. */
  private running = false;

  constructor(
    @Inject(retentionConfig.KEY) private readonly config: ConfigType<typeof retentionConfig>,
    private readonly leases: JobLeases,
    private readonly holds: LegalHoldsService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessageKeepingService,
    private readonly audit: AuditService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.days === null) return;
    this.timer = setInterval(() => void this.runLogged(), this.config.intervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * How many messages it removed; null when retention is off, or a run is going on here or on another instance.
   * `days` and `chunkSize` default to the settings.
   */
  async run(options: { now?: number; days?: number | null; chunkSize?: number } = {}): Promise<number | null> {
    const { now = Date.now(), days = this.config.days, chunkSize = this.config.chunkSize } = options;
    if (days === null || this.running) return null;
    this.running = true;
    try {
      if (!(await this.leases.acquire(JOB, LEASE_MS))) return null;
      try {
        return await this.removeOlderThan(new Date(now - days * DAY_MS), days, chunkSize);
      } finally {
        await this.leases.release(JOB);
      }
    } finally {
      this.running = false;
    }
  }

  private async removeOlderThan(cutoff: Date, days: number, chunkSize: number): Promise<number> {
    let removed = 0;
    for (;;) {
      // Read again for each chunk, so a hold placed during a long run applies from its next chunk.
      const kept = await this.heldConversations();
      const count = await this.messages.removeOlderThan(cutoff, kept, chunkSize);
      removed += count;
      if (count < chunkSize) break;
      await setImmediate();
      if (!(await this.leases.renew(JOB, LEASE_MS))) break;
    }
    if (removed > 0) {
      await this.audit.record(null, 'retention.ran', null, { days, removed, before: cutoff.toISOString() });
    }
    return removed;
  }

  private async runLogged(): Promise<void> {
    const removed = await this.run().catch((error: Error) => {
      this.logger.warn(`retention failed: ${error.message}`);
      return null;
    });
    if (removed) this.logger.log(`retention removed ${removed} message(s)`);
  }

  /** Held conversations, and every conversation of a held user (read once per run). */
  private async heldConversations() {
    const [conversations, users] = await Promise.all([
      this.holds.targetsOf('conversation'),
      this.holds.targetsOf('user'),
    ]);
    return [...conversations, ...(await this.conversations.idsWithAnyOf(users))];
  }
}
