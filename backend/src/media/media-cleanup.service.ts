import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

import { MediaService } from './media.service';

const HOUR_MS = 60 * 60 * 1000;

/** Deletes uploads that were never sent in a message, once they are a day old (checked hourly). */
@Injectable()
export class MediaCleanupService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MediaCleanupService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly media: MediaService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), HOUR_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(now = Date.now()): Promise<void> {
    const removed = await this.media.deleteUnattached(now).catch((error: Error) => {
      this.logger.warn(`media clean-up failed: ${error.message}`);
      return 0;
    });
    if (removed) this.logger.log(`removed ${removed} unsent upload(s)`);
  }
}
