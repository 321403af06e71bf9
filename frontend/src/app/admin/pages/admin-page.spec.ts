import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';

import { authFeature } from '../../core/auth/auth-feature';
import { buildSignedInState, buildUser } from '../../testing/builders';
import { AdminPageActions } from '../admin-actions';
import { adminFeature, type AdminState, initialAdminState } from '../admin-feature';
import { buildAdminUser, buildAuditEntry, buildStats } from '../testing';
import { AdminPage } from './admin-page';

const me = buildAdminUser({ id: 'u-ada', username: 'ada', displayName: 'Ada Admin', roles: ['user', 'admin'] });
const bob = buildAdminUser({ online: true });
const cy = buildAdminUser({ id: 'u-cy', username: 'cy', displayName: 'Cy', status: 'banned', lastSeenAt: null });

function stateWith(overrides: Partial<AdminState> = {}): AdminState {
  return {
    ...initialAdminState,
    users: {
      ...initialAdminState.users,
      ids: [me.id, bob.id, cy.id],
      entities: { [me.id]: me, [bob.id]: bob, [cy.id]: cy },
      loading: false,
      nextCursor: 'cursor-2',
    },
    audit: {
      ...initialAdminState.audit,
      ids: ['a-1'],
      entities: { 'a-1': buildAuditEntry({ at: new Date(Date.now() - 2 * 60_000).toISOString() }) },
      loading: false,
    },
    stats: buildStats([0, 3, 5, 0, 0, 0, 0, 0, 0, 12, 0, 0, 0, 4]),
    ...overrides,
  };
}

async function setup(admin: AdminState = stateWith()) {
  const auth = buildSignedInState({ user: buildUser({ id: me.id, roles: ['user', 'admin'] }) });
  TestBed.configureTestingModule({
    imports: [AdminPage],
    providers: [
      provideRouter([]),
      provideMockStore({ initialState: { [authFeature.name]: auth, [adminFeature.name]: admin } }),
    ],
  });
  const store = TestBed.inject(MockStore);
  const dispatched = jest.spyOn(store, 'dispatch');
  const fixture = TestBed.createComponent(AdminPage);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const row = (username: string) => el.querySelector<HTMLElement>(`[data-testid=user-row-${username}]`)!;
  const buttonIn = (scope: ParentNode, text: string) =>
    [...scope.querySelectorAll('button')].find((b) => b.textContent?.trim().startsWith(text)) as HTMLButtonElement;
  const click = async (button: HTMLElement) => {
    button.click();
    await fixture.whenStable();
  };
  const setAdmin = async (state: AdminState) => {
    store.setState({ [authFeature.name]: auth, [adminFeature.name]: state });
    await fixture.whenStable();
  };
  return { el, row, buttonIn, click, dispatched, setAdmin };
}

describe('AdminPage', () => {
  it('loads everything when it opens', async () => {
    const { dispatched } = await setup(initialAdminState);
    expect(dispatched).toHaveBeenCalledWith(AdminPageActions.opened());
  });

  it('shows each account with its role, status and presence', async () => {
    const { row } = await setup();
    expect(row('bob').textContent).toContain('Bob Builder');
    expect(row('bob').textContent).toContain('@bob · bob@example.com');
    expect(row('bob').textContent).toContain('User');
    expect(row('bob').textContent).toContain('Active');
    expect(row('bob').textContent).toContain('Online now');
    expect(row('cy').textContent).toContain('Banned');
    expect(row('cy').textContent).toContain('Never');
    expect(row('ada').textContent).toContain('Admin');
  });

  it('offers no ban or demotion of oneself', async () => {
    const { row } = await setup();
    expect(row('ada').querySelectorAll('button')).toHaveLength(0);
    expect(row('ada').textContent).toContain('(you)');
  });

  it('asks before banning, and bans only when confirmed', async () => {
    const { row, el, buttonIn, click, dispatched } = await setup();
    const dialog = el.querySelector('dialog')!;
    expect(dialog.hasAttribute('open')).toBe(false);

    await click(buttonIn(row('bob'), 'Ban'));
    expect(dialog.hasAttribute('open')).toBe(true);
    const title = el.querySelector(`#${dialog.getAttribute('aria-labelledby')}`);
    expect(title?.textContent).toContain('Ban Bob Builder?');
    expect(el.querySelector(`#${dialog.getAttribute('aria-describedby')}`)?.textContent).toContain('signed out');

    await click(buttonIn(dialog, 'Cancel'));
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(dispatched).not.toHaveBeenCalledWith(
      expect.objectContaining({ type: AdminPageActions.changeConfirmed.type }),
    );

    await click(buttonIn(row('bob'), 'Ban'));
    await click(buttonIn(dialog, 'Ban user'));
    expect(dispatched).toHaveBeenCalledWith(AdminPageActions.changeConfirmed({ user: bob, change: 'ban' }));
    expect(dialog.hasAttribute('open')).toBe(false);
  });

  it('erases only after a confirmation dialog, then continues from the list heading; a refusal says why', async () => {
    const { row, el, buttonIn, click, dispatched, setAdmin } = await setup();
    const dialog = el.querySelector('dialog')!;
    await click(buttonIn(row('bob'), 'Erase'));
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(el.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)?.textContent).toContain(
      'Erase Bob Builder’s account?',
    );
    expect(el.querySelector(`#${dialog.getAttribute('aria-describedby')}`)?.textContent).toContain('cannot be undone');
    await click(buttonIn(dialog, 'Erase account'));
    expect(dispatched).toHaveBeenCalledWith(AdminPageActions.changeConfirmed({ user: bob, change: 'erase' }));

    await setAdmin(stateWith({ lastChange: { user: bob, change: 'erase', error: null } }));
    expect(document.activeElement?.id).toBe('users-heading');
    const statuses = [...el.querySelectorAll('[role=status]')].map((s) => s.textContent).join(' ');
    expect(statuses).toContain('Bob Builder’s account and personal data were erased.');

    const error = {
      status: 403,
      code: 'protected_admin',
      message: 'The administrator set by ADMIN_EMAIL cannot be erased',
      fieldErrors: {},
    };
    await setAdmin(stateWith({ lastChange: { user: bob, change: 'erase', error } }));
    const alerts = [...el.querySelectorAll('[role=alert]')].map((a) => a.textContent).join(' ');
    expect(alerts).toContain('Could not erase Bob Builder: The administrator set by ADMIN_EMAIL cannot be erased');
  });

  it('offers unban to banned people and admin rights to others', async () => {
    const { row, el, buttonIn, click, dispatched } = await setup();
    await click(buttonIn(row('cy'), 'Unban'));
    await click(buttonIn(el.querySelector('dialog')!, 'Unban user'));
    expect(dispatched).toHaveBeenCalledWith(AdminPageActions.changeConfirmed({ user: cy, change: 'unban' }));

    await click(buttonIn(row('bob'), 'Make admin'));
    await click(buttonIn(el.querySelector('dialog')!, 'Make admin'));
    expect(dispatched).toHaveBeenCalledWith(AdminPageActions.changeConfirmed({ user: bob, change: 'makeAdmin' }));
  });

  it('keeps a busy person from being changed twice', async () => {
    const { row, buttonIn, click, el } = await setup(stateWith({ busy: [bob.id] }));
    const ban = buttonIn(row('bob'), 'Ban');
    expect(ban.getAttribute('aria-disabled')).toBe('true');
    await click(ban);
    expect(el.querySelector('dialog')!.hasAttribute('open')).toBe(false);
  });

  it('shows why the server refused a change', async () => {
    const error = {
      status: 409,
      code: 'last_admin',
      message: 'The last administrator cannot be banned',
      fieldErrors: {},
    };
    const { el, setAdmin, buttonIn, click, dispatched } = await setup();
    await setAdmin(stateWith({ lastChange: { user: me, change: 'ban', error } }));
    const alerts = [...el.querySelectorAll('[role=alert]')].map((a) => a.textContent).join(' ');
    expect(alerts).toContain('Could not ban Ada Admin: The last administrator cannot be banned');
    await click(buttonIn(el, 'Dismiss'));
    expect(dispatched).toHaveBeenCalledWith(AdminPageActions.changeMessageDismissed());
  });

  it('announces a change that went through', async () => {
    const { el, setAdmin } = await setup();
    await setAdmin(stateWith({ lastChange: { user: bob, change: 'ban', error: null } }));
    const statuses = [...el.querySelectorAll('[role=status]')].map((s) => s.textContent).join(' ');
    expect(statuses).toContain('Bob Builder is banned and was signed out everywhere.');
  });

  it('searches as the person types and pages on with the cursor', async () => {
    const { el, buttonIn, click, dispatched } = await setup();
    const search = el.querySelector<HTMLInputElement>('#admin-user-search')!;
    expect(el.querySelector('label[for=admin-user-search]')?.textContent).toContain('Search users');
    search.value = 'bo';
    search.dispatchEvent(new Event('input'));
    expect(dispatched).toHaveBeenCalledWith(AdminPageActions.searchChanged({ query: 'bo' }));

    await click(buttonIn(el, 'Load more users'));
    expect(dispatched).toHaveBeenCalledWith(AdminPageActions.moreUsersRequested({ query: '', cursor: 'cursor-2' }));
  });

  it('says when a search finds nobody', async () => {
    const { el } = await setup(stateWith({ users: { ...initialAdminState.users, query: 'zed', loading: false } }));
    expect(el.textContent).toContain('No users match “zed”.');
  });

  it('lists admin actions with how long ago they happened', async () => {
    const { el } = await setup();
    expect(el.querySelector('[data-testid=audit-entry]')?.textContent).toMatch(/Ada banned Bob\s+·\s+2 min ago/);
  });

  it('shows the numbers and a described chart', async () => {
    const { el } = await setup();
    const text = el.textContent!;
    expect(text).toContain('42');
    expect(text).toContain('1.5 KB');
    const chart = el.querySelector('svg[role=img]')!;
    const [titleId, descId] = chart.getAttribute('aria-labelledby')!.split(' ');
    expect(chart.querySelector(`#${titleId}`)?.textContent).toContain('Messages per day, last 14 days');
    expect(chart.querySelector(`#${descId}`)?.textContent).toBe(
      'Mar 1 to Mar 14: 24 messages in all. Busiest day Mar 10 with 12. Today 4.',
    );
    expect(chart.querySelectorAll('rect')).toHaveLength(14);
    expect(chart.querySelectorAll('rect title')[9].textContent).toBe('Tue, Mar 10: 12 messages');
  });
});
