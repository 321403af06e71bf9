import type { CreatedWebhookView, WebhookDeliveryView, WebhookView } from '../contracts/webhooks';
import type { WebhookDeliveryDocument } from './schemas/webhook-delivery.schema';
import type { WebhookEndpointDocument } from './schemas/webhook-endpoint.schema';

/** Listings show the secret's last characters only: enough to tell two apart, not enough to sign. */
export function toWebhookView(endpoint: WebhookEndpointDocument): WebhookView {
  return {
    id: endpoint._id.toString(),
    url: endpoint.url,
    events: endpoint.events,
    secret: `whsec_…${endpoint.secret.slice(-4)}`,
    status: endpoint.status,
    pauseReason: endpoint.pauseReason,
    pausedAt: endpoint.pausedAt?.toISOString() ?? null,
    consecutiveFailures: endpoint.consecutiveFailures,
    failingSince: endpoint.failingSince?.toISOString() ?? null,
    lastSuccessAt: endpoint.lastSuccessAt?.toISOString() ?? null,
    createdAt: endpoint.createdAt.toISOString(),
  };
}

export function toCreatedWebhookView(endpoint: WebhookEndpointDocument): CreatedWebhookView {
  return { ...toWebhookView(endpoint), secret: endpoint.secret };
}

export function toDeliveryView(delivery: WebhookDeliveryDocument): WebhookDeliveryView {
  return {
    id: delivery._id.toString(),
    eventId: delivery.eventId,
    type: delivery.type,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt.toISOString() : null,
    createdAt: delivery.createdAt.toISOString(),
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
  };
}
