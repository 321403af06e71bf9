import type { Page } from '@contracts/users';
import type { CreatedWebhookView, WebhookDeliveryView, WebhookView } from '@contracts/webhooks';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

import type { ApiError } from '../../core/api/api-error';
import type { NewWebhook } from './webhooks-api';

export const WebhooksPageActions = createActionGroup({
  source: 'Webhooks Page',
  events: {
    Opened: emptyProps(),
    'Register Submitted': props<{ webhook: NewWebhook }>(),
    'Secret Dismissed': emptyProps(),
    'Delete Confirmed': props<{ id: string }>(),
    'Resume Clicked': props<{ id: string }>(),
    /** Opens (or refreshes) an endpoint's delivery log; `cursor` for a further page. */
    'Deliveries Requested': props<{ id: string; cursor: string | null }>(),
    'Deliveries Closed': emptyProps(),
  },
});

export const WebhooksApiActions = createActionGroup({
  source: 'Webhooks/API',
  events: {
    'Webhooks Loaded': props<{ webhooks: WebhookView[] }>(),
    'Webhooks Load Failed': props<{ error: ApiError }>(),
    'Register Succeeded': props<{ webhook: CreatedWebhookView }>(),
    'Register Failed': props<{ error: ApiError }>(),
    'Delete Succeeded': props<{ id: string }>(),
    'Resume Succeeded': props<{ webhook: WebhookView }>(),
    'Change Failed': props<{ id: string; error: ApiError }>(),
    'Deliveries Loaded': props<{ id: string; page: Page<WebhookDeliveryView>; append: boolean }>(),
    'Deliveries Load Failed': props<{ id: string; error: ApiError }>(),
  },
});
