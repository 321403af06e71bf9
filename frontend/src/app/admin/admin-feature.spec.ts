import type { ApiError } from '../core/api/api-error';
import { AdminApiActions, AdminPageActions } from './admin-actions';
import { adminFeature, type AdminState, initialAdminState } from './admin-feature';
import { buildAdminUser, buildAuditEntry, buildStats } from './testing';

const { reducer } = adminFeature;
const bob = buildAdminUser();
const cy = buildAdminUser({ id: 'u-cy', username: 'cy', displayName: 'Cy' });
const conflict: ApiError = {
  status: 409,
  code: 'last_admin',
  message: 'The last administrator cannot be banned',
  fieldErrors: {},
};

const usersOf = (state: AdminState) => adminFeature.selectUserList.projector(state.users);
const loaded = (state: AdminState, query: string, items = [bob], nextCursor: string | null = null, append = false) =>
  reducer(state, AdminApiActions.usersLoaded({ query, page: { items, nextCursor }, append }));

describe('admin reducer', () => {
  it('starts over, loading, when the page opens', () => {
    const state = reducer(loaded(initialAdminState, ''), AdminPageActions.opened());
    expect(state).toEqual(initialAdminState);
    expect(state.users.loading).toBe(true);
  });

  it('lists the first page, then appends the next one', () => {
    let state = loaded(initialAdminState, '', [bob], 'next');
    expect(usersOf(state)).toEqual([bob]);
    expect(state.users).toMatchObject({ nextCursor: 'next', loading: false });

    state = reducer(state, AdminPageActions.moreUsersRequested({ query: '', cursor: 'next' }));
    expect(state.users.loading).toBe(true);
    state = loaded(state, '', [cy], null, true);
    expect(usersOf(state)).toEqual([bob, cy]);
    expect(state.users.nextCursor).toBeNull();
  });

  it('replaces the list for a new search and drops answers for an older one', () => {
    let state = loaded(initialAdminState, '', [bob, cy]);
    state = reducer(state, AdminPageActions.searchChanged({ query: ' cy ' }));
    expect(state.users).toMatchObject({ query: 'cy', loading: true });

    state = loaded(state, '', [bob]); // the answer to the previous search, arriving late
    expect(state.users.loading).toBe(true);
    state = loaded(state, 'cy', [cy]);
    expect(usersOf(state)).toEqual([cy]);
  });

  it('removes an erased person’s row, and keeps it with the reason when the server refuses', () => {
    let state = loaded(initialAdminState, '', [bob, cy]);
    state = reducer(state, AdminPageActions.changeConfirmed({ user: bob, change: 'erase' }));
    expect(state.busy).toEqual([bob.id]);
    const refused: ApiError = { status: 403, code: 'protected_admin', message: 'Protected', fieldErrors: {} };
    const failed = reducer(state, AdminApiActions.changeFailed({ user: bob, change: 'erase', error: refused }));
    expect(usersOf(failed)).toEqual([bob, cy]);
    expect(failed.lastChange).toEqual({ user: bob, change: 'erase', error: refused });

    state = reducer(state, AdminApiActions.changeSucceeded({ user: bob, change: 'erase' }));
    expect(usersOf(state)).toEqual([cy]);
    expect(state.busy).toEqual([]);
    expect(state.lastChange).toEqual({ user: bob, change: 'erase', error: null });
  });

  it('marks a person busy during a change and shows the updated account after it', () => {
    let state = loaded(initialAdminState, '', [bob, cy]);
    state = reducer(state, AdminPageActions.changeConfirmed({ user: bob, change: 'ban' }));
    expect(state.busy).toEqual([bob.id]);

    const banned = { ...bob, status: 'banned' as const, online: false };
    state = reducer(state, AdminApiActions.changeSucceeded({ user: banned, change: 'ban' }));
    expect(state.busy).toEqual([]);
    expect(usersOf(state)).toEqual([banned, cy]);
    expect(state.lastChange).toEqual({ user: banned, change: 'ban', error: null });
  });

  it('keeps the server message of a refused change until dismissed', () => {
    let state = reducer(loaded(initialAdminState, ''), AdminPageActions.changeConfirmed({ user: bob, change: 'ban' }));
    state = reducer(state, AdminApiActions.changeFailed({ user: bob, change: 'ban', error: conflict }));
    expect(state.busy).toEqual([]);
    expect(state.lastChange).toEqual({ user: bob, change: 'ban', error: conflict });
    expect(usersOf(state)).toEqual([bob]);

    expect(reducer(state, AdminPageActions.changeMessageDismissed()).lastChange).toBeNull();
  });

  it('replaces the audit log with its first page, and appends older pages', () => {
    const first = buildAuditEntry({ id: 'a-2' });
    const older = buildAuditEntry({ id: 'a-1' });
    let state = reducer(
      initialAdminState,
      AdminApiActions.auditLoaded({ page: { items: [first], nextCursor: 'c' }, append: false }),
    );
    state = reducer(state, AdminApiActions.auditLoaded({ page: { items: [older], nextCursor: null }, append: true }));
    expect(adminFeature.selectAuditEntries.projector(state.audit)).toEqual([first, older]);
    expect(state.audit).toMatchObject({ nextCursor: null, loading: false });
  });

  it('keeps the stats and their errors', () => {
    const stats = buildStats([1, 2, 3]);
    const state = reducer(initialAdminState, AdminApiActions.statsLoaded({ stats }));
    expect(state.stats).toBe(stats);
    expect(reducer(state, AdminApiActions.statsLoadFailed({ error: conflict })).statsError).toBe(conflict);
  });

  it('tracks an invitation: pending, then the invited account in the list, or the reason it was refused', () => {
    const invitation = { email: 'cy@example.com', roles: ['user' as const] };
    let state = reducer(initialAdminState, AdminPageActions.inviteSubmitted({ invitation }));
    expect(state.invite).toEqual({ pending: true, error: null, invited: null });
    state = reducer(state, AdminApiActions.inviteSucceeded({ user: cy }));
    expect(state.invite).toEqual({ pending: false, error: null, invited: cy });
    expect(usersOf(state)).toEqual([cy]);
    state = reducer(state, AdminPageActions.inviteSubmitted({ invitation }));
    state = reducer(state, AdminApiActions.inviteFailed({ error: conflict }));
    expect(state.invite).toEqual({ pending: false, error: conflict, invited: null });
  });
});
