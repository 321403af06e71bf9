import type { MessageView } from './messages';
import type { AdminUserView } from './users';

export const WEBHOOK_EVENT_TYPES = [
  'message.created',
  'message.updated',
  'message.deleted',
  'user.created',
  'user.updated',
  'user.deactivated',
  'user.deleted',
  'friendship.created',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_STATUSES = ['active', 'paused'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** A registered endpoint, as the admin console lists it. */
export class WebhookView {
  declare id: string;
  /** @example "https://portal.example.com/hooks/chat" */
  declare url: string;
  /** @example ["message.created"] */
  declare events: WebhookEventType[];
  /** Masked except its last characters; the full secret is shown only in the answer that created the endpoint. */
  declare secret: string;
  /** A paused endpoint keeps its events and gets them once resumed. @example "active" */
  declare status: WebhookStatus;
  /** Why it was paused (repeated failures), when paused. */
  declare pauseReason: string | null;
  declare pausedAt: string | null;
  /** Deliveries given up in a row since the last success. */
  declare consecutiveFailures: number;
  /** When deliveries started failing (no success since), or null. */
  declare failingSince: string | null;
  declare lastSuccessAt: string | null;
  declare createdAt: string;
}

/** The answer to a registration: the only time the whole signing secret is shown. */
export class CreatedWebhookView extends WebhookView {
  /** The Standard Webhooks signing secret. @example "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" */
  declare secret: string;
}

/** One event on its way to one endpoint. */
export class WebhookDeliveryView {
  declare id: string;
  /** The event's id (`Webhook-Id`), the same on every attempt. */
  declare eventId: string;
  /** @example "message.created" */
  declare type: WebhookEventType;
  /** pending: waiting for its (next) attempt; failed: given up. @example "delivered" */
  declare status: WebhookDeliveryStatus;
  declare attempts: number;
  /** The HTTP status of the last attempt, null when it got none (network error, timeout). */
  declare lastStatusCode: number | null;
  declare lastError: string | null;
  /** When the next attempt is due (pending only). */
  declare nextAttemptAt: string | null;
  declare createdAt: string;
  declare deliveredAt: string | null;
}

/** The body of every delivery. */
export interface WebhookEvent<T = unknown> {
  /** Stable across retries: receivers drop repeats by it. Also sent as `Webhook-Id`. */
  id: string;
  type: WebhookEventType;
  createdAt: string;
  data: T;
}

/** `message.created`, `message.updated`, `message.deleted` (a deleted message is a tombstone: no text, no media). */
export interface MessageEventData {
  message: MessageView;
  /** Both people of the conversation. */
  participantIds: string[];
}

/**
 * `user.created`, `user.updated`, `user.deactivated` (banned or deprovisioned): the account as the admin console
 * shows it, without presence.
 */
export interface UserEventData {
  user: Omit<AdminUserView, 'online'>;
}

/** `user.deleted` (erased): nothing personal is left, only the ids to forget the account by. */
export interface DeletedUserEventData {
  user: { id: string; externalId?: string };
}

/** `friendship.created`: a friend request was accepted. */
export interface FriendshipEventData {
  userIds: [string, string];
  since: string;
}
