import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

import type { WebhookEventType, WebhookStatus } from '../../contracts/webhooks';

/** A receiver an admin registered. The few of them are read whole into memory (WebhookEndpoints). */
@Schema({ collection: 'webhook_endpoints' })
export class WebhookEndpoint {
  @Prop({ required: true }) url: string;
  @Prop({ type: [String], required: true }) events: WebhookEventType[];
  /** whsec_<base64 key>: the Standard Webhooks signing secret (the receiver holds it too, so it is stored as is). */
  @Prop({ required: true }) secret: string;
  @Prop({ type: String, default: 'active' }) status: WebhookStatus;
  @Prop({ type: String, default: null }) pauseReason: string | null;
  @Prop({ type: Date, default: null }) pausedAt: Date | null;
  /** Deliveries given up in a row; back to 0 on a success. */
  @Prop({ default: 0 }) consecutiveFailures: number;
  /** The first failed attempt since the last success. */
  @Prop({ type: Date, default: null }) failingSince: Date | null;
  @Prop({ type: Date, default: null }) lastSuccessAt: Date | null;
  @Prop({ type: SchemaTypes.ObjectId, default: null }) createdBy: Types.ObjectId | null;
  @Prop({ type: Date, default: () => new Date() }) createdAt: Date;
}

export type WebhookEndpointDocument = HydratedDocument<WebhookEndpoint>;
export const WebhookEndpointSchema = SchemaFactory.createForClass(WebhookEndpoint);
