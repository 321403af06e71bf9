import type { SessionView } from '@contracts/auth';
import type { CurrentUserView } from '@contracts/users';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

import type { ChangePasswordRequest } from '../core/api/account-api';
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
    'Password Change Submitted': props<{ change: ChangePasswordRequest }>(),
    'Password Form Edited': emptyProps(),
    'Session Sign Out Clicked': props<{ sessionId: string }>(),
    'Avatar Upload Confirmed': props<{ file: File }>(),
    'Avatar Remove Clicked': emptyProps(),
    'Export Clicked': emptyProps(),
    /** `password` unless the account came from single sign-on without one. */
    'Erase Confirmed': props<{ password?: string }>(),
    'Erase Dialog Opened': emptyProps(),
  },
});

export const ProfileApiActions = createActionGroup({
  source: 'Profile/API',
  events: {
    'Load Succeeded': props<{ user: CurrentUserView }>(),
    'Load Failed': props<{ error: ApiError }>(),
    'Save Succeeded': props<{ user: CurrentUserView }>(),
    'Save Failed': props<{ error: ApiError }>(),
    'Sessions Loaded': props<{ sessions: SessionView[] }>(),
    'Sessions Load Failed': props<{ error: ApiError }>(),
    'Password Changed': emptyProps(),
    'Password Change Failed': props<{ error: ApiError }>(),
    'Session Signed Out': props<{ sessionId: string }>(),
    'Session Sign Out Failed': props<{ sessionId: string; error: ApiError }>(),
    'Avatar Upload Progressed': props<{ progress: number }>(),
    /** A new picture, or none after a removal. */
    'Avatar Changed': props<{ user: CurrentUserView }>(),
    'Avatar Change Failed': props<{ error: ApiError }>(),
    'Export Downloaded': emptyProps(),
    'Export Failed': props<{ error: ApiError }>(),
    'Erase Failed': props<{ error: ApiError }>(),
  },
});
