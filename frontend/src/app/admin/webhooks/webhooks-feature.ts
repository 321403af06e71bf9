import type { CreatedWebhookView, WebhookDeliveryView, WebhookView } from '@contracts/webhooks';
import { createFeature, createReducer, on } from '@ngrx/store';

import type { ApiError } from '../../core/api/api-error';
import { WebhooksApiActions, WebhooksPageActions } from './webhooks-actions';

/** The delivery log of the endpoint that is open. */
export interface DeliveryLogState {
  webhookId: string;
  items: WebhookDeliveryView[];
  nextCursor: string | null;
  loading: boolean;
  error: ApiError | null;
}

export interface WebhooksState {
  webhooks: WebhookView[];
  loading: boolean;
  loadError: ApiError | null;
  registering: boolean;
  registerError: ApiError | null;
  /** The endpoint just registered, with its whole secret: shown once, until dismissed. */
  created: CreatedWebhookView | null;
  /** Endpoints with a delete or resume in flight. */
  busy: string[];
  changeError: ApiError | null;
  deliveries: DeliveryLogState | null;
}

export const initialWebhooksState: WebhooksState = {
  webhooks: [],
  loading: true,
  loadError: null,
  registering: false,
  registerError: null,
  created: null,
  busy: [],
  changeError: null,
  deliveries: null,
};

const without = (ids: string[], id: string) => ids.filter((other) => other !== id);

export const webhooksFeature = createFeature({
  name: 'webhooks',
  reducer: createReducer(
    initialWebhooksState,
    on(WebhooksPageActions.opened, (state): WebhooksState => ({ ...state, loading: true, loadError: null })),
    on(WebhooksApiActions.webhooksLoaded, (state, { webhooks }): WebhooksState => ({
      ...state,
      webhooks,
      loading: false,
    })),
    on(WebhooksApiActions.webhooksLoadFailed, (state, { error }): WebhooksState => ({
      ...state,
      loading: false,
      loadError: error,
    })),
    on(WebhooksPageActions.registerSubmitted, (state): WebhooksState => ({
      ...state,
      registering: true,
      registerError: null,
    })),
    on(WebhooksApiActions.registerSucceeded, (state, { webhook }): WebhooksState => ({
      ...state,
      registering: false,
      created: webhook,
      webhooks: [...state.webhooks, { ...webhook, secret: `whsec_…${webhook.secret.slice(-4)}` }],
    })),
    on(WebhooksApiActions.registerFailed, (state, { error }): WebhooksState => ({
      ...state,
      registering: false,
      registerError: error,
    })),
    on(WebhooksPageActions.secretDismissed, (state): WebhooksState => ({ ...state, created: null })),
    on(WebhooksPageActions.deleteConfirmed, WebhooksPageActions.resumeClicked, (state, { id }): WebhooksState => ({
      ...state,
      busy: [...state.busy, id],
      changeError: null,
    })),
    on(WebhooksApiActions.deleteSucceeded, (state, { id }): WebhooksState => ({
      ...state,
      busy: without(state.busy, id),
      webhooks: state.webhooks.filter((webhook) => webhook.id !== id),
      created: state.created?.id === id ? null : state.created,
      deliveries: state.deliveries?.webhookId === id ? null : state.deliveries,
    })),
    on(WebhooksApiActions.resumeSucceeded, (state, { webhook }): WebhooksState => ({
      ...state,
      busy: without(state.busy, webhook.id),
      webhooks: state.webhooks.map((other) => (other.id === webhook.id ? webhook : other)),
    })),
    on(WebhooksApiActions.changeFailed, (state, { id, error }): WebhooksState => ({
      ...state,
      busy: without(state.busy, id),
      changeError: error,
    })),
    on(WebhooksPageActions.deliveriesRequested, (state, { id, cursor }): WebhooksState => ({
      ...state,
      deliveries:
        cursor && state.deliveries?.webhookId === id
          ? { ...state.deliveries, loading: true, error: null }
          : { webhookId: id, items: [], nextCursor: null, loading: true, error: null },
    })),
    on(WebhooksApiActions.deliveriesLoaded, (state, { id, page, append }): WebhooksState =>
      state.deliveries?.webhookId !== id
        ? state
        : {
            ...state,
            deliveries: {
              ...state.deliveries,
              items: append ? [...state.deliveries.items, ...page.items] : page.items,
              nextCursor: page.nextCursor,
              loading: false,
            },
          },
    ),
    on(WebhooksApiActions.deliveriesLoadFailed, (state, { id, error }): WebhooksState =>
      state.deliveries?.webhookId !== id
        ? state
        : { ...state, deliveries: { ...state.deliveries, loading: false, error } },
    ),
    on(WebhooksPageActions.deliveriesClosed, (state): WebhooksState => ({ ...state, deliveries: null })),
  ),
});
