import type { CurrentUserView } from '@contracts/users';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { ApiError } from '../core/api/api-error';
import type { UpdateMeRequest } from '../core/api/users-api';

export const ProfilePageActions = createActionGroup({
  source: 'Profile Page',
  events: {
    Opened: emptyProps(),
    Edited: emptyProps(),
    'Save Submitted': props<{ changes: UpdateMeRequest }>(),
    'Sign Out Clicked': emptyProps(),
    'Sign Out Everywhere Clicked': emptyProps(),
  },
});

export const ProfileApiActions = createActionGroup({
  source: 'Profile/API',
  events: {
    'Load Succeeded': props<{ user: CurrentUserView }>(),
    'Load Failed': props<{ error: ApiError }>(),
    'Save Succeeded': props<{ user: CurrentUserView }>(),
    'Save Failed': props<{ error: ApiError }>(),
  },
});
