import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';

import type { AllConfig } from '../config';
import type { WebhookEvent } from '../contracts/webhooks';
import type { DomainEvent } from '../events/domain-event';
import { DomainEvents, type DomainEventSink } from '../events/domain-events';
import { WebhookDelivery } from './schemas/webhook-delivery.schema';
import { WebhookEndpoints } from './webhook-endpoints';

/**
 * Stores each published event once per endpoint that subscribes to it, for the dispatcher to deliver. With no
 * subscriber nothing is written. Storing again (a recovered send) changes nothing: the unique index on
 * (endpointId, eventId) keeps the first copy.
 */
@Injectable()
export class WebhookOutbox implements DomainEventSink, OnModuleInit {
  private readonly retryForMs: number;
  private readonly listeners: (() => void)[] = [];

  constructor(
    @InjectModel(WebhookDelivery.name) private readonly deliveries: Model<WebhookDelivery>,
    private readonly endpoints: WebhookEndpoints,
    private readonly events: DomainEvents,
    config: ConfigService<AllConfig, true>,
  ) {
    this.retryForMs = config.get('webhooks', { infer: true }).retryForMs;
  }

  onModuleInit(): void {
    this.events.connect(this);
  }

  /** The dispatcher on this instance starts at once instead of at its next poll. */
  onEnqueued(listener: () => void): void {
    this.listeners.push(listener);
  }

  async accept(event: DomainEvent): Promise<void> {
    const targets = await this.endpoints.subscribedTo(event.type);
    if (targets.length === 0) return;
    const body = JSON.stringify({
      id: event.id,
      type: event.type,
      createdAt: event.createdAt.toISOString(),
      data: event.data,
    } satisfies WebhookEvent);
    const now = new Date();
    await Promise.all(
      targets.map((endpoint) =>
        this.deliveries
          .create({
            _id: new Types.ObjectId(),
            endpointId: endpoint._id,
            eventId: event.id,
            type: event.type,
            orderKey: event.orderKey,
            body,
            nextAttemptAt: now,
            giveUpAt: new Date(now.getTime() + this.retryForMs),
          })
          .catch((error: { code?: number }) => {
            if (error.code !== 11000) throw error;
          }),
      ),
    );
    this.listeners.forEach((listener) => listener());
  }
}
