import { randomBytes } from 'node:crypto';

import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import { AuditService } from '../admin/audit.service';
import { RefusedTargetError, SsrfGuard } from '../common/ssrf-guard';
import type { AllConfig } from '../config';
import type { Page } from '../contracts/users';
import type { CreatedWebhookView, WebhookDeliveryView, WebhookView } from '../contracts/webhooks';
import type { CreateWebhookDto } from './dto/create-webhook.dto';
import { WebhookDelivery } from './schemas/webhook-delivery.schema';
import { WebhookEndpoint, type WebhookEndpointDocument } from './schemas/webhook-endpoint.schema';
import { toCreatedWebhookView, toDeliveryView, toWebhookView } from './webhook.mapper';
import { WebhookEndpoints } from './webhook-endpoints';

const DELIVERIES_PAGE_SIZE = 30;

/** The admin console's side of webhooks: register, list, remove, resume, and each endpoint's delivery log. */
@Injectable()
export class WebhooksService {
  private readonly guard: SsrfGuard;
  private readonly retryForMs: number;

  constructor(
    @InjectModel(WebhookEndpoint.name) private readonly endpoints: Model<WebhookEndpoint>,
    @InjectModel(WebhookDelivery.name) private readonly deliveries: Model<WebhookDelivery>,
    private readonly registry: WebhookEndpoints,
    private readonly audit: AuditService,
    config: ConfigService<AllConfig, true>,
  ) {
    const settings = config.get('webhooks', { infer: true });
    this.guard = new SsrfGuard(settings.allowHosts);
    this.retryForMs = settings.retryForMs;
  }

  async create(actorId: string, input: CreateWebhookDto): Promise<CreatedWebhookView> {
    await this.assertReachable(new URL(input.url));
    const endpoint = await this.endpoints.create({
      url: input.url,
      events: input.events,
      secret: input.secret ?? `whsec_${randomBytes(32).toString('base64')}`,
      createdBy: new Types.ObjectId(actorId),
    });
    this.registry.changed();
    await this.audit.record(actorId, 'webhook.created', endpoint._id.toString(), {
      url: endpoint.url,
      events: endpoint.events,
    });
    return toCreatedWebhookView(endpoint);
  }

  async list(): Promise<WebhookView[]> {
    const endpoints = await this.endpoints.find().sort({ _id: 1 }).exec();
    return endpoints.map(toWebhookView);
  }

  /** Removes the endpoint with its deliveries, delivered or not. */
  async remove(actorId: string, id: string): Promise<void> {
    const endpoint = await this.endpoints.findByIdAndDelete(id).exec();
    if (!endpoint) throw notFound();
    this.registry.changed();
    await this.deliveries.deleteMany({ endpointId: endpoint._id }).exec();
    await this.audit.record(actorId, 'webhook.deleted', id, { url: endpoint.url });
  }

  /**
   * Delivers again to a paused endpoint: the deliveries it held are due at once, each with a fresh retry window.
   * Resuming an active endpoint changes nothing.
   */
  async resume(actorId: string, id: string): Promise<WebhookView> {
    const resumed = await this.endpoints
      .findOneAndUpdate(
        { _id: id, status: 'paused' },
        { $set: { status: 'active', pausedAt: null, pauseReason: null, consecutiveFailures: 0, failingSince: null } },
        { new: true },
      )
      .exec();
    if (!resumed) return toWebhookView(await this.get(id));
    const now = new Date();
    await this.deliveries
      .updateMany(
        { endpointId: resumed._id, status: 'pending' },
        { $set: { nextAttemptAt: now, giveUpAt: new Date(now.getTime() + this.retryForMs) } },
      )
      .exec();
    this.registry.changed();
    await this.audit.record(actorId, 'webhook.resumed', id, { url: resumed.url });
    return toWebhookView(resumed);
  }

  /** Newest first. */
  async deliveriesOf(id: string, cursor: string | undefined): Promise<Page<WebhookDeliveryView>> {
    const endpoint = await this.get(id);
    const rows = await this.deliveries
      .find({ endpointId: endpoint._id, ...(cursor ? { _id: trusted({ $lt: new Types.ObjectId(cursor) }) } : {}) })
      .sort({ _id: -1 })
      .limit(DELIVERIES_PAGE_SIZE + 1)
      .exec();
    const items = rows.slice(0, DELIVERIES_PAGE_SIZE).map(toDeliveryView);
    return { items, nextCursor: rows.length > DELIVERIES_PAGE_SIZE ? items[items.length - 1].id : null };
  }

  private async get(id: string): Promise<WebhookEndpointDocument> {
    const endpoint = await this.endpoints.findById(id).exec();
    if (!endpoint) throw notFound();
    return endpoint;
  }

  /** Refused now rather than at the first delivery: a private target, a name that does not resolve, plain http. */
  private async assertReachable(url: URL): Promise<void> {
    let addresses: string[];
    try {
      addresses = await this.guard.resolve(url.hostname);
    } catch (error) {
      if (error instanceof RefusedTargetError) {
        throw new BadRequestException({ message: error.message, code: 'webhook_target_refused' });
      }
      throw new BadRequestException({
        message: `${url.hostname} could not be resolved`,
        code: 'webhook_host_unresolved',
      });
    }
    if (url.protocol === 'http:' && !this.guard.isAllowListed(url.hostname, addresses)) {
      throw new BadRequestException({
        message: 'Webhook URLs must use https (plain http only for hosts WEBHOOK_ALLOW_HOSTS lists)',
        code: 'https_required',
      });
    }
  }
}

function notFound() {
  return new NotFoundException({ message: 'Webhook not found', code: 'webhook_not_found' });
}
