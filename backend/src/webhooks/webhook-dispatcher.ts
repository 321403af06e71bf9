import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, type Types } from 'mongoose';

import { SsrfGuard } from '../common/ssrf-guard';
import type { AllConfig } from '../config';
import { MetricsService } from '../metrics/metrics.service';
import { EndpointHealth } from './endpoint-health';
import { type AttemptResult, backoffDelay } from './retry-policy';
import {
  DELIVERY_LOG_RETENTION_MS,
  WebhookDelivery,
  type WebhookDeliveryDocument,
} from './schemas/webhook-delivery.schema';
import { WebhookEndpoints } from './webhook-endpoints';
import { WebhookOutbox } from './webhook-outbox';
import { sendSigned } from './webhook-sender';

/** Beyond the request's own timeout, how long a claimed delivery stays with the instance that claimed it. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Delivers the outbox, on every instance at once: at least once, and one at a time per endpoint and `orderKey`
 * (a conversation), in publication order, while other conversations go on in parallel. A delivery is claimed with
 * one atomic update that leases it, so two instances never send it at the same time; a lease left by an instance
 * that died runs out and the delivery is sent again (receivers drop repeats by the event id).
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly settings: AllConfig['webhooks'];
  private readonly guard: SsrfGuard;
  /** Retries come due at backoff granularity; a lease left behind is found within a second. */
  private readonly pollMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private polling = false;
  private pollAgain = false;

  constructor(
    @InjectModel(WebhookDelivery.name) private readonly deliveries: Model<WebhookDelivery>,
    private readonly endpoints: WebhookEndpoints,
    private readonly outbox: WebhookOutbox,
    private readonly health: EndpointHealth,
    private readonly metrics: MetricsService,
    config: ConfigService<AllConfig, true>,
  ) {
    this.settings = config.get('webhooks', { infer: true });
    this.guard = new SsrfGuard(this.settings.allowHosts);
    this.pollMs = Math.min(1000, Math.max(50, this.settings.backoffMs));
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.outbox.onEnqueued(() => this.wake());
    this.endpoints.onChange(() => this.wake());
    this.wake();
  }

  /** Stops claiming and lets the deliveries under way finish (each is bounded by the timeout). */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  private wake(): void {
    if (!this.running) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), delayMs);
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      const free = this.settings.concurrency - this.inFlight.size;
      if (free > 0) {
        const claimed = await this.claim(free);
        for (const delivery of claimed) this.track(this.deliver(delivery));
      }
    } catch (error) {
      this.logger.error(`Could not read the webhook outbox: ${(error as Error).message}`);
    } finally {
      this.polling = false;
      if (this.running) this.schedule(this.pollAgain ? 0 : this.pollMs);
      this.pollAgain = false;
    }
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => {
      this.inFlight.delete(delivery);
      this.wake();
    });
  }

  /**
   * The due heads of the queues: for each active endpoint and orderKey, the oldest pending delivery, if it is due
   * and no instance holds it. A later delivery of the same key is never a head while an earlier one is pending.
   */
  private async claim(limit: number): Promise<WebhookDeliveryDocument[]> {
    const active = (await this.endpoints.active()).map((endpoint) => endpoint._id);
    if (active.length === 0) return [];
    const now = new Date();
    const heads = await this.deliveries
      .aggregate<{ head: Types.ObjectId }>([
        { $match: { status: 'pending', endpointId: { $in: active } } },
        { $sort: { status: 1, endpointId: 1, orderKey: 1, _id: 1 } },
        {
          $group: {
            _id: { endpointId: '$endpointId', orderKey: '$orderKey' },
            head: { $first: '$_id' },
            nextAttemptAt: { $first: '$nextAttemptAt' },
            leaseUntil: { $first: '$leaseUntil' },
          },
        },
        { $match: { nextAttemptAt: { $lte: now }, leaseUntil: { $lte: now } } },
        { $sort: { nextAttemptAt: 1 } },
        { $limit: limit },
      ])
      .exec();
    const leaseUntil = new Date(now.getTime() + this.settings.timeoutMs + LEASE_MARGIN_MS);
    const claimed = await Promise.all(
      heads.map(({ head }) =>
        this.deliveries
          .findOneAndUpdate(
            { _id: head, status: 'pending', leaseUntil: trusted({ $lte: now }), nextAttemptAt: trusted({ $lte: now }) },
            { $set: { leaseUntil }, $inc: { attempts: 1 } },
            { new: true },
          )
          .exec(),
      ),
    );
    return claimed.filter((delivery): delivery is WebhookDeliveryDocument => delivery !== null);
  }

  private async deliver(delivery: WebhookDeliveryDocument): Promise<void> {
    try {
      const endpoint = (await this.endpoints.all()).find((candidate) => candidate._id.equals(delivery.endpointId));
      if (!endpoint) return; // Deleted meanwhile: its deliveries went with it.
      const result = await sendSigned(
        { url: endpoint.url, secret: endpoint.secret, eventId: delivery.eventId, body: delivery.body },
        this.guard,
        this.settings.timeoutMs,
      );
      await this.record(delivery, result);
    } catch (error) {
      this.logger.error(`Webhook delivery ${delivery.eventId} failed unexpectedly: ${(error as Error).message}`);
    }
  }

  /** Where a delivery attempt's outcome is written: delivered, to be retried, or given up. */
  private async record(delivery: WebhookDeliveryDocument, result: AttemptResult): Promise<void> {
    const now = new Date();
    const finished = { leaseUntil: new Date(0), expiresAt: new Date(now.getTime() + DELIVERY_LOG_RETENTION_MS) };
    if (result.kind === 'delivered') {
      this.metrics.webhookAttempt('delivered');
      await this.update(delivery, {
        ...finished,
        status: 'delivered',
        deliveredAt: now,
        lastStatusCode: result.statusCode,
        lastError: null,
      });
      await this.health.succeeded(delivery.endpointId);
      return;
    }
    const delay = Math.min(
      this.settings.maxBackoffMs,
      Math.max(
        result.kind === 'retry' ? (result.retryAfterMs ?? 0) : 0,
        backoffDelay(delivery.attempts, this.settings.backoffMs, this.settings.maxBackoffMs),
      ),
    );
    const nextAttemptAt = new Date(now.getTime() + delay);
    const givenUp = result.kind === 'reject' || nextAttemptAt > delivery.giveUpAt;
    const failure = { lastStatusCode: result.statusCode, lastError: result.error };
    this.metrics.webhookAttempt(givenUp ? 'failed' : 'retry');
    if (givenUp) {
      const error = result.kind === 'reject' ? result.error : `${result.error}; retried for too long, given up`;
      await this.update(delivery, { ...finished, ...failure, lastError: error, status: 'failed' });
      this.logger.warn(`Webhook delivery ${delivery.eventId} (${delivery.type}) failed: ${error}`);
    } else {
      await this.update(delivery, { ...failure, nextAttemptAt, leaseUntil: new Date(0) });
    }
    await this.health.failed(delivery.endpointId, givenUp);
  }

  private async update(delivery: WebhookDeliveryDocument, set: Partial<WebhookDelivery>): Promise<void> {
    await this.deliveries.updateOne({ _id: delivery._id, status: 'pending' }, { $set: set }).exec();
  }
}
