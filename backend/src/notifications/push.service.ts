import http from 'node:http';
import https from 'node:https';

import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { generateRequestDetails } from 'web-push';

import { SessionsService } from '../auth/sessions.service';
import { SsrfGuard } from '../common/ssrf-guard';
import type { AllConfig } from '../config';
import type { PushPayload } from '../contracts/notifications';
import type { PushSubscriptionDto } from './dto/notifications.dto';
import { PushSubscription } from './schemas/push-subscription.schema';

/** Push services tell with these that a subscription is gone for good. */
const GONE = new Set([404, 410]);

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and payloads encrypted to the browser (RFC 8291), by `web-push`; the
 * request itself goes through the SSRF guard, since the endpoint is a URL a client gave us.
 */
@Injectable()
export class PushService {
  private readonly logger = new Logger('Push');
  private readonly settings: AllConfig['notifications'];
  private readonly guard: SsrfGuard;

  constructor(
    @InjectModel(PushSubscription.name) private readonly subscriptions: Model<PushSubscription>,
    private readonly sessions: SessionsService,
    config: ConfigService<AllConfig, true>,
  ) {
    this.settings = config.get('notifications', { infer: true });
    this.guard = new SsrfGuard(this.settings.pushAllowHosts, 'PUSH_ALLOW_HOSTS');
  }

  get publicKey(): string | null {
    return this.settings.vapid?.publicKey ?? null;
  }

  async subscribe(me: string, sessionId: string, input: PushSubscriptionDto): Promise<void> {
    if (!this.settings.vapid)
      throw new BadRequestException({ message: 'Web Push is not configured here', code: 'push_disabled' });
    await this.assertReachable(input.endpoint);
    const fields = { userId: new Types.ObjectId(me), sessionId, p256dh: input.keys.p256dh, auth: input.keys.auth };
    await this.subscriptions.updateOne({ endpoint: input.endpoint }, { $set: fields }, { upsert: true }).exec();
  }

  /** Whether any device of the user is subscribed (asked first, so people without push cost one indexed read). */
  async hasDevices(userId: string): Promise<boolean> {
    if (!this.settings.vapid) return false;
    return (await this.subscriptions.exists({ userId: new Types.ObjectId(userId) }).exec()) !== null;
  }

  async unsubscribe(me: string, endpoint: string): Promise<void> {
    await this.subscriptions.deleteOne({ endpoint, userId: new Types.ObjectId(me) }).exec();
  }

  /**
   * To every device of the user still signed in there; never throws (a failed push only costs that notification).
   * A device whose session ended is dropped: a shared browser must not show the messages of whoever signed out.
   */
  async notify(userId: string, payload: PushPayload): Promise<void> {
    const vapid = this.settings.vapid;
    if (!vapid) return;
    const devices = await this.subscriptions
      .find({ userId: new Types.ObjectId(userId) })
      .lean()
      .exec();
    await Promise.all(
      devices.map(async (device) => {
        if (!device.sessionId || !(await this.sessions.isActive(device.sessionId))) {
          await this.subscriptions.deleteOne({ _id: device._id }).exec();
          return;
        }
        const status = await this.deliver(device, payload).catch((error: Error) => {
          this.logger.warn(`push to ${new URL(device.endpoint).host} failed: ${error.message}`);
          return 0;
        });
        if (GONE.has(status)) await this.subscriptions.deleteOne({ _id: device._id }).exec();
      }),
    );
  }

  private async deliver(device: PushSubscription, payload: PushPayload): Promise<number> {
    const vapid = this.settings.vapid!;
    const details = generateRequestDetails(
      { endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } },
      JSON.stringify(payload),
      { vapidDetails: vapid, TTL: 24 * 3600, urgency: 'high', topic: topicOf(payload.conversationId) },
    );
    const url = new URL(details.endpoint);
    // An address written in the URL is never looked up, so `lookup` would not see it: check it here.
    await this.guard.resolve(url.hostname);
    const body = details.body as Buffer;
    return new Promise((resolve, reject) => {
      const req = (url.protocol === 'https:' ? https : http).request(
        url,
        {
          method: details.method,
          headers: { ...details.headers, 'content-length': body.length },
          lookup: this.guard.lookup,
          agent: false,
          signal: AbortSignal.timeout(this.settings.pushTimeoutMs),
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** https on a public address, or a host PUSH_ALLOW_HOSTS lists (which may use plain http). */
  private async assertReachable(endpoint: string): Promise<void> {
    const url = new URL(endpoint);
    const refused = (message: string) => new BadRequestException({ message, code: 'push_endpoint_refused' });
    let addresses: string[];
    try {
      addresses = await this.guard.resolve(url.hostname);
    } catch (error) {
      throw refused(`The push endpoint can't be used: ${(error as Error).message}`);
    }
    if (url.protocol !== 'https:' && !this.guard.isAllowListed(url.hostname, addresses))
      throw refused('Push endpoints must use https');
  }
}

/** A newer push for the same conversation replaces one still waiting at the push service (RFC 8030 §5.4). */
const topicOf = (conversationId: string) => `c${conversationId}`.slice(0, 32);
