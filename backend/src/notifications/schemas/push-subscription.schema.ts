import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

/** A browser's Web Push subscription (one per device and browser profile), as PushManager.subscribe() gave it. */
@Schema({ collection: 'push_subscriptions', timestamps: true })
export class PushSubscription {
  @Prop({ type: SchemaTypes.ObjectId, required: true }) userId: Types.ObjectId;
  /** The session that subscribed: once it ends (sign-out, revoked, expired) the browser gets no more pushes. */
  @Prop({ type: String }) sessionId?: string;
  @Prop({ required: true }) endpoint: string;
  /** The browser's P-256 public key and auth secret (base64url), which the payload is encrypted to (RFC 8291). */
  @Prop({ required: true }) p256dh: string;
  @Prop({ required: true }) auth: string;
}

export type PushSubscriptionDocument = HydratedDocument<PushSubscription>;
export const PushSubscriptionSchema = SchemaFactory.createForClass(PushSubscription);

// Subscribing again (or as someone else on the same browser) replaces the subscription of that endpoint.
PushSubscriptionSchema.index({ endpoint: 1 }, { unique: true });
// Fan-out to a user's devices.
PushSubscriptionSchema.index({ userId: 1 });
