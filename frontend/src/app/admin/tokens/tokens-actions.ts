import type { CreatedServiceToken, ServiceTokenView } from '@contracts/service-tokens';
import type { Page } from '@contracts/users';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

import type { ApiError } from '../../core/api/api-error';
import type { NewServiceToken } from './tokens-api';

export const TokensPageActions = createActionGroup({
  source: 'Tokens Page',
  events: {
    Opened: emptyProps(),
    'More Requested': props<{ cursor: string }>(),
    'Create Submitted': props<{ token: NewServiceToken }>(),
    /** The admin is done with the secret: it leaves the page (and memory) for good. */
    'Secret Dismissed': emptyProps(),
    'Revoke Confirmed': props<{ token: ServiceTokenView }>(),
  },
});

export const TokensApiActions = createActionGroup({
  source: 'Tokens/API',
  events: {
    'Tokens Loaded': props<{ page: Page<ServiceTokenView>; append: boolean }>(),
    'Tokens Load Failed': props<{ error: ApiError }>(),
    'Create Succeeded': props<{ created: CreatedServiceToken }>(),
    'Create Failed': props<{ error: ApiError }>(),
    'Revoke Succeeded': props<{ token: ServiceTokenView }>(),
    'Revoke Failed': props<{ token: ServiceTokenView; error: ApiError }>(),
  },
});
