import type { AdminStats, AdminUserView, AuditEntryView, Page } from '@contracts/users';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

import type { ApiError } from '../core/api/api-error';
import type { InviteRequest } from './admin-api';

/** What an admin can do to an account; each one is confirmed first. 'erase' deletes the account for good. */
export type AdminChange = 'makeAdmin' | 'removeAdmin' | 'ban' | 'unban' | 'erase';

/** Typing pauses this long before a search goes out. */
export const SEARCH_DEBOUNCE_MS = 300;

export const AdminPageActions = createActionGroup({
  source: 'Admin Page',
  events: {
    Opened: emptyProps(),
    'Search Changed': props<{ query: string }>(),
    'More Users Requested': props<{ query: string; cursor: string }>(),
    'Change Confirmed': props<{ user: AdminUserView; change: AdminChange }>(),
    'Change Message Dismissed': emptyProps(),
    'More Audit Requested': props<{ cursor: string }>(),
    'Invite Submitted': props<{ invitation: InviteRequest }>(),
  },
});

export const AdminApiActions = createActionGroup({
  source: 'Admin/API',
  events: {
    /** `append`: a further page of the same search; otherwise the first page of `query`. */
    'Users Loaded': props<{ query: string; page: Page<AdminUserView>; append: boolean }>(),
    'Users Load Failed': props<{ query: string; error: ApiError }>(),
    'Change Succeeded': props<{ user: AdminUserView; change: AdminChange }>(),
    'Change Failed': props<{ user: AdminUserView; change: AdminChange; error: ApiError }>(),
    'Invite Succeeded': props<{ user: AdminUserView }>(),
    'Invite Failed': props<{ error: ApiError }>(),
    'Audit Loaded': props<{ page: Page<AuditEntryView>; append: boolean }>(),
    'Audit Load Failed': props<{ error: ApiError }>(),
    'Stats Loaded': props<{ stats: AdminStats }>(),
    'Stats Load Failed': props<{ error: ApiError }>(),
  },
});
