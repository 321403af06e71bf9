import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import type { WebhookEventType } from '../contracts/webhooks';
import { CacheInvalidation } from '../realtime/cache-invalidation';
import { WebhookEndpoint, type WebhookEndpointDocument } from './schemas/webhook-endpoint.schema';

/**
 * Every registered endpoint, held in memory: publishing asks it, without a database read, whether anyone
 * subscribes to an event. Dropped on every instance (CacheInvalidation) when an endpoint is added, removed,
 * paused or resumed, and read again on next use.
 */
@Injectable()
export class WebhookEndpoints implements OnModuleInit {
  private loaded: Promise<WebhookEndpointDocument[]> | null = null;
  private readonly listeners: (() => void)[] = [];

  constructor(
    @InjectModel(WebhookEndpoint.name) private readonly endpoints: Model<WebhookEndpoint>,
    private readonly invalidation: CacheInvalidation,
  ) {}

  onModuleInit(): void {
    this.invalidation.on('webhooks', () => {
      this.loaded = null;
      this.listeners.forEach((listener) => listener());
    });
  }

  /** Called after any instance changed the endpoints (the dispatcher wakes up for a resumed one). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  changed(): void {
    this.invalidation.invalidate('webhooks', 'all');
  }

  all(): Promise<WebhookEndpointDocument[]> {
    if (!this.loaded) {
      const loading = this.endpoints.find().exec();
      this.loaded = loading;
      // A failed read is not kept: the next use tries again.
      loading.catch(() => {
        if (this.loaded === loading) this.loaded = null;
      });
    }
    return this.loaded;
  }

  /** Endpoints that want this event, paused ones included: they keep it until resumed. */
  async subscribedTo(type: WebhookEventType): Promise<WebhookEndpointDocument[]> {
    return (await this.all()).filter((endpoint) => endpoint.events.includes(type));
  }

  async active(): Promise<WebhookEndpointDocument[]> {
    return (await this.all()).filter((endpoint) => endpoint.status === 'active');
  }
}
