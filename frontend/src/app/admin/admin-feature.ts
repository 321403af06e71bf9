import type { AdminStats, AdminUserView, AuditEntryView, Page } from '@contracts/users';
import { createEntityAdapter, type EntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';

import type { ApiError } from '../core/api/api-error';
import { AdminApiActions, type AdminChange, AdminPageActions } from './admin-actions';

/** A paged list: the pages loaded so far, in server order, and the cursor of the next one. */
interface PagedState<T> extends EntityState<T> {
  nextCursor: string | null;
  loading: boolean;
  error: ApiError | null;
}

export interface AdminUsersState extends PagedState<AdminUserView> {
  /** The trimmed search the list is (being) loaded for; '' lists everyone. */
  query: string;
}

/** The outcome of the last role change or ban, shown until dismissed or the next change. */
export interface ChangeOutcome {
  user: AdminUserView;
  change: AdminChange;
  error: ApiError | null;
}

/** The "Invite someone" form: a request in flight, its error, or who was invited last. */
export interface InviteState {
  pending: boolean;
  error: ApiError | null;
  invited: AdminUserView | null;
}

export interface AdminState {
  users: AdminUsersState;
  /** Users with a change in flight: their buttons are disabled meanwhile. */
  busy: string[];
  lastChange: ChangeOutcome | null;
  invite: InviteState;
  audit: PagedState<AuditEntryView>;
  stats: AdminStats | null;
  statsError: ApiError | null;
}

const usersAdapter = createEntityAdapter<AdminUserView>();
const auditAdapter = createEntityAdapter<AuditEntryView>();
const { selectAll: selectAllUsers } = usersAdapter.getSelectors();
const { selectAll: selectAllAudit } = auditAdapter.getSelectors();

export const initialAdminState: AdminState = {
  users: usersAdapter.getInitialState({ query: '', nextCursor: null, loading: true, error: null }),
  busy: [],
  lastChange: null,
  invite: { pending: false, error: null, invited: null },
  audit: auditAdapter.getInitialState({ nextCursor: null, loading: true, error: null }),
  stats: null,
  statsError: null,
};

/** Adds a page after the ones loaded (append), or starts over with it. */
function withPage<T, S extends PagedState<T>>(adapter: EntityAdapter<T>, state: S, page: Page<T>, append: boolean): S {
  const items = append ? [...adapter.getSelectors().selectAll(state), ...page.items] : page.items;
  return { ...adapter.setAll(items, state), nextCursor: page.nextCursor, loading: false, error: null };
}

export const adminFeature = createFeature({
  name: 'admin',
  reducer: createReducer(
    initialAdminState,
    on(AdminPageActions.opened, (): AdminState => initialAdminState),
    on(AdminPageActions.searchChanged, (state, { query }): AdminState => ({
      ...state,
      users: { ...state.users, query: query.trim(), loading: true, error: null },
    })),
    on(AdminPageActions.moreUsersRequested, (state): AdminState => ({
      ...state,
      users: { ...state.users, loading: true, error: null },
    })),
    // A page for a search that has been replaced since is dropped: the list belongs to what the box says now.
    on(AdminApiActions.usersLoaded, (state, { query, page, append }): AdminState =>
      query !== state.users.query ? state : { ...state, users: withPage(usersAdapter, state.users, page, append) },
    ),
    on(AdminApiActions.usersLoadFailed, (state, { query, error }): AdminState =>
      query !== state.users.query ? state : { ...state, users: { ...state.users, loading: false, error } },
    ),
    on(AdminPageActions.changeConfirmed, (state, { user }): AdminState => ({
      ...state,
      busy: state.busy.includes(user.id) ? state.busy : [...state.busy, user.id],
      lastChange: null,
    })),
    on(AdminApiActions.changeSucceeded, (state, { user, change }): AdminState => ({
      ...state,
      users:
        change === 'erase'
          ? usersAdapter.removeOne(user.id, state.users)
          : usersAdapter.updateOne({ id: user.id, changes: user }, state.users),
      busy: state.busy.filter((id) => id !== user.id),
      lastChange: { user, change, error: null },
    })),
    on(AdminApiActions.changeFailed, (state, { user, change, error }): AdminState => ({
      ...state,
      busy: state.busy.filter((id) => id !== user.id),
      lastChange: { user, change, error },
    })),
    on(AdminPageActions.changeMessageDismissed, (state): AdminState => ({ ...state, lastChange: null })),
    on(AdminPageActions.inviteSubmitted, (state): AdminState => ({
      ...state,
      invite: { pending: true, error: null, invited: null },
    })),
    on(AdminApiActions.inviteSucceeded, (state, { user }): AdminState => ({
      ...state,
      users: usersAdapter.upsertOne(user, state.users),
      invite: { pending: false, error: null, invited: user },
    })),
    on(AdminApiActions.inviteFailed, (state, { error }): AdminState => ({
      ...state,
      invite: { pending: false, error, invited: null },
    })),
    on(AdminPageActions.moreAuditRequested, (state): AdminState => ({
      ...state,
      audit: { ...state.audit, loading: true, error: null },
    })),
    on(AdminApiActions.auditLoaded, (state, { page, append }): AdminState => ({
      ...state,
      audit: withPage(auditAdapter, state.audit, page, append),
    })),
    on(AdminApiActions.auditLoadFailed, (state, { error }): AdminState => ({
      ...state,
      audit: { ...state.audit, loading: false, error },
    })),
    on(AdminApiActions.statsLoaded, (state, { stats }): AdminState => ({ ...state, stats, statsError: null })),
    on(AdminApiActions.statsLoadFailed, (state, { error }): AdminState => ({ ...state, statsError: error })),
  ),
  extraSelectors: ({ selectUsers, selectAudit }) => ({
    selectUserList: createSelector(selectUsers, selectAllUsers),
    selectAuditEntries: createSelector(selectAudit, selectAllAudit),
  }),
});
