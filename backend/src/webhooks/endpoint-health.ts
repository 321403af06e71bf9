import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model, type Types } from 'mongoose';

import { AuditService } from '../admin/audit.service';
import type { AllConfig } from '../config';
import { MailService } from '../mail/mail.service';
import { webhookPausedMail } from '../mail/mail.templates';
import { MetricsService } from '../metrics/metrics.service';
import { UsersService } from '../users/users.service';
import { WebhookEndpoint, type WebhookEndpointDocument } from './schemas/webhook-endpoint.schema';
import { WebhookEndpoints } from './webhook-endpoints';

/**
 * Follows whether an endpoint's deliveries succeed, and pauses one that keeps failing: its deliveries are held
 * (not dropped) until an admin resumes it, and the admins learn of it in the audit log, the console and by mail.
 */
@Injectable()
export class EndpointHealth {
  private readonly logger = new Logger('Webhooks');
  private readonly settings: AllConfig['webhooks'];
  private readonly appUrl: string;

  constructor(
    @InjectModel(WebhookEndpoint.name) private readonly endpoints: Model<WebhookEndpoint>,
    private readonly registry: WebhookEndpoints,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly users: UsersService,
    private readonly metrics: MetricsService,
    config: ConfigService<AllConfig, true>,
  ) {
    this.settings = config.get('webhooks', { infer: true });
    this.appUrl = config.get('mail', { infer: true }).appUrl;
  }

  async succeeded(endpointId: Types.ObjectId): Promise<void> {
    await this.endpoints
      .updateOne(
        { _id: endpointId },
        { $set: { consecutiveFailures: 0, failingSince: null, lastSuccessAt: new Date() } },
      )
      .exec();
  }

  /** An attempt failed; `givenUp` when its delivery will not be tried again. */
  async failed(endpointId: Types.ObjectId, givenUp: boolean): Promise<void> {
    const now = new Date();
    await this.endpoints.updateOne({ _id: endpointId, failingSince: null }, { $set: { failingSince: now } }).exec();
    const endpoint = givenUp
      ? await this.endpoints
          .findOneAndUpdate({ _id: endpointId }, { $inc: { consecutiveFailures: 1 } }, { new: true })
          .exec()
      : await this.endpoints.findById(endpointId).exec();
    if (!endpoint || endpoint.status !== 'active') return;
    const reason = this.pauseReason(endpoint, now);
    if (reason) await this.pause(endpoint, reason);
  }

  private pauseReason(endpoint: WebhookEndpointDocument, now: Date): string | null {
    if (endpoint.consecutiveFailures >= this.settings.pauseAfterFailures) {
      const n = endpoint.consecutiveFailures;
      return `${n} ${n === 1 ? 'delivery' : 'deliveries'} in a row failed`;
    }
    const failingFor = endpoint.failingSince ? now.getTime() - endpoint.failingSince.getTime() : 0;
    if (failingFor >= this.settings.pauseAfterMs) {
      return `every attempt failed since ${endpoint.failingSince!.toISOString()}`;
    }
    return null;
  }

  /** Only the instance whose write pauses it tells the admins, so they hear of it once. */
  private async pause(endpoint: WebhookEndpointDocument, reason: string): Promise<void> {
    const paused = await this.endpoints
      .findOneAndUpdate(
        { _id: endpoint._id, status: 'active' },
        { $set: { status: 'paused', pausedAt: new Date(), pauseReason: reason } },
        { new: true },
      )
      .exec();
    if (!paused) return;
    this.metrics.webhookPaused();
    this.registry.changed();
    this.logger.warn(`Paused webhook ${paused.url}: ${reason}`);
    await this.audit.record(null, 'webhook.paused', paused._id.toString(), { url: paused.url, reason });
    const link = `${this.appUrl}/admin/webhooks`;
    for (const admin of await this.users.activeAdmins()) {
      this.mail.sendInBackground({
        to: admin.email,
        ...webhookPausedMail(admin.displayName, paused.url, reason, link),
      });
    }
  }
}
