import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { AllConfig } from '../config';
import { DrainRate } from './drain-rate';

/**
 * Caps the sends one instance works on at once (SEND_MAX_IN_FLIGHT). Under overload a send over the cap is answered
 * at once with 503 `busy` and `retryAfterMs`, rather than queueing behind the others until its client times out and
 * sends it again (which only adds load). It is told to retry once the sends ahead of it have drained at the rate
 * sends have been finishing (clients add jitter).
 */
@Injectable()
export class SendAdmission {
  private readonly limit: number;
  private running = 0;
  private readonly drained = new DrainRate(performance.now());

  constructor(config: ConfigService<AllConfig, true>) {
    this.limit = config.get('app', { infer: true }).sendMaxInFlight;
  }

  /** No room for another send now (checked early, before a send's validation, and again when it starts). */
  get full(): boolean {
    return this.running >= this.limit;
  }

  busy(): ServiceUnavailableException {
    return new ServiceUnavailableException({
      message: 'The server is busy; try again shortly',
      code: 'busy',
      retryAfterMs: this.drained.retryAfterMs(this.running, performance.now()),
    });
  }

  async run<T>(send: () => Promise<T>): Promise<T> {
    if (this.full) throw this.busy();
    this.running++;
    try {
      return await send();
    } finally {
      this.running--;
      this.drained.completed(performance.now());
    }
  }
}
