import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

import type { WebhookDeliveryStatus, WebhookEventType } from '../../contracts/webhooks';

/** How long finished deliveries stay in the log. */
export const DELIVERY_LOG_RETENTION_MS = 14 * 24 * 3_600_000;

/**
 * The outbox: one event for one endpoint, from its enqueueing until delivered or given up. `_id` order is
 * publication order, which is the order deliveries of one `orderKey` go out in.
 */
@Schema({ collection: 'webhook_deliveries' })
export class WebhookDelivery {
  @Prop({ type: SchemaTypes.ObjectId, required: true }) endpointId: Types.ObjectId;
  @Prop({ required: true }) eventId: string;
  @Prop({ type: String, required: true }) type: WebhookEventType;
  /** One conversation (or user): the next delivery with the same key waits for this one. */
  @Prop({ required: true }) orderKey: string;
  /** The JSON body, fixed at enqueueing so every attempt sends the same bytes. */
  @Prop({ required: true }) body: string;
  @Prop({ type: String, default: 'pending' }) status: WebhookDeliveryStatus;
  @Prop({ default: 0 }) attempts: number;
  @Prop({ type: Date, required: true }) nextAttemptAt: Date;
  /** Retried until then, then failed. */
  @Prop({ type: Date, required: true }) giveUpAt: Date;
  /** An instance delivering it holds it until then, so no other instance sends it at the same time. */
  @Prop({ type: Date, default: () => new Date(0) }) leaseUntil: Date;
  @Prop({ type: Number, default: null }) lastStatusCode: number | null;
  @Prop({ type: String, default: null }) lastError: string | null;
  @Prop({ type: Date, default: () => new Date() }) createdAt: Date;
  @Prop({ type: Date, default: null }) deliveredAt: Date | null;
  /** Set when finished: the log forgets it then (TTL index). */
  @Prop({ type: Date }) expiresAt?: Date;
}

export type WebhookDeliveryDocument = HydratedDocument<WebhookDelivery>;
export const WebhookDeliverySchema = SchemaFactory.createForClass(WebhookDelivery);

// Enqueueing is idempotent: one delivery per event and endpoint, however often the event is published.
WebhookDeliverySchema.index({ endpointId: 1, eventId: 1 }, { unique: true });
// The dispatcher's heads: the oldest pending delivery of each (endpoint, orderKey).
WebhookDeliverySchema.index({ status: 1, endpointId: 1, orderKey: 1, _id: 1 });
// The delivery log of an endpoint, newest first; resuming an endpoint's held deliveries.
WebhookDeliverySchema.index({ endpointId: 1, _id: -1 });
// Finished deliveries leave the log after DELIVERY_LOG_RETENTION_MS.
WebhookDeliverySchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
