import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AuthProviders } from '@contracts/auth';
import { MockStore, provideMockStore } from '@ngrx/store/testing';

import { authFeature } from '../../core/auth/auth-feature';
import { buildSignedInState, buildUser } from '../../testing/builders';
import { ProfilePageActions } from '../profile-actions';
import { initialProfileState, profileFeature, type ProfileState } from '../profile-feature';
import { changesFrom, ProfilePage } from './profile-page';

const user = buildUser({ displayName: 'Ada Lovelace', username: 'ada', bio: 'Engines.' });

const PROVIDERS: AuthProviders = {
  password: true,
  signup: 'open',
  signupDomains: [],
  oidc: null,
  directMessages: 'friends',
};

async function setup(providers: AuthProviders = PROVIDERS) {
  const initialState = {
    [authFeature.name]: buildSignedInState({ user }),
    [profileFeature.name]: initialProfileState,
  };
  TestBed.configureTestingModule({
    imports: [ProfilePage],
    providers: [provideMockStore({ initialState }), provideHttpClient(), provideHttpClientTesting()],
  });
  const store = TestBed.inject(MockStore);
  const dispatched = jest.spyOn(store, 'dispatch');
  const fixture = TestBed.createComponent(ProfilePage);
  TestBed.inject(HttpTestingController).expectOne('/api/auth/providers').flush(providers);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const field = <T extends HTMLElement = HTMLInputElement>(id: string) => el.querySelector<T>(`#${id}`)!;
  const type = async (id: string, value: string) => {
    field(id).value = value;
    field(id).dispatchEvent(new Event('input', { bubbles: true }));
    await fixture.whenStable();
  };
  const setProfile = async (state: Partial<ProfileState>) => {
    store.setState({ ...initialState, [profileFeature.name]: { ...initialProfileState, ...state } });
    await fixture.whenStable();
  };
  const button = (text: string) =>
    [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement;
  return { el, field, type, setProfile, button, dispatched, fixture };
}

describe('ProfilePage', () => {
  it('shows the account and loads a fresh copy', async () => {
    const { el, dispatched, field } = await setup();
    expect(dispatched).toHaveBeenCalledWith(ProfilePageActions.opened());
    expect(el.querySelector('[data-testid=profile-display-name]')?.textContent).toContain('Ada Lovelace');
    expect(el.querySelector('[data-testid=profile-username]')?.textContent).toContain('@ada');
    expect(el.querySelector('[data-testid=profile-email]')?.textContent).toContain('ada@example.com');
    expect(el.textContent).toContain('Engines.');
    expect(field('displayName').value).toBe('Ada Lovelace');
  });

  it('saves only what changed', async () => {
    const { type, button, dispatched, el } = await setup();
    expect(button('Save changes').disabled).toBe(true);
    await type('displayName', 'Countess Ada');
    expect(button('Save changes').disabled).toBe(false);
    el.querySelector('form')!.dispatchEvent(new Event('submit'));
    expect(dispatched).toHaveBeenLastCalledWith(
      ProfilePageActions.saveSubmitted({ changes: { displayName: 'Countess Ada' } }),
    );
  });

  it('says "Saved" after a save and disables the button while saving', async () => {
    const { setProfile, button, el } = await setup();
    await setProfile({ saving: true });
    expect(button('Saving…').disabled).toBe(true);
    await setProfile({ saved: true });
    expect(el.querySelector('[role=status]')?.textContent).toContain('Saved');
  });

  it('shows "username taken" next to the username', async () => {
    const { setProfile, el, field } = await setup();
    await setProfile({
      error: {
        status: 409,
        code: 'username_taken',
        message: 'Username is taken',
        fieldErrors: { username: ['This username is taken.'] },
      },
    });
    expect(el.querySelector('#username-error')?.textContent).toContain('This username is taken.');
    expect(field('username').getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector('[aria-labelledby=edit-heading] [role=alert]')?.textContent).toContain(
      'Please fix the highlighted fields.',
    );
  });

  it('signs out, and asks before signing out everywhere', async () => {
    const { button, dispatched, fixture } = await setup();
    button('Sign out').click();
    expect(dispatched).toHaveBeenLastCalledWith(ProfilePageActions.signOutClicked());

    button('Sign out everywhere').click();
    await fixture.whenStable();
    expect(dispatched).not.toHaveBeenCalledWith(ProfilePageActions.signOutEverywhereClicked());
    button('Yes, sign out everywhere').click();
    expect(dispatched).toHaveBeenLastCalledWith(ProfilePageActions.signOutEverywhereClicked());
  });
});

describe('ProfilePage: password and sessions', () => {
  const sessions = [
    {
      id: 'here',
      device: 'Chrome on Linux',
      ip: '203.0.113.7',
      createdAt: '2026-01-01T10:00:00.000Z',
      lastUsedAt: '2026-01-03T10:00:00.000Z',
      current: true,
    },
    {
      id: 'phone',
      device: 'Safari on iOS',
      ip: '198.51.100.2',
      createdAt: '2026-01-02T10:00:00.000Z',
      lastUsedAt: '2026-01-02T12:00:00.000Z',
      current: false,
    },
  ];

  it('lists the sessions, marks this device and signs another one out', async () => {
    const { setProfile, el, dispatched } = await setup();
    expect(el.textContent).toContain('Loading sessions…');
    await setProfile({ sessions });
    const rows = [...el.querySelectorAll('[data-testid=session]')];
    expect(rows.map((row) => row.querySelector('p')?.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Chrome on Linux, This device',
      'Safari on iOS',
    ]);
    expect(rows[0].querySelector('button')).toBeNull();
    const signOutPhone = rows[1].querySelector('button')!;
    expect(signOutPhone.getAttribute('aria-label')).toBe('Sign out Safari on iOS (198.51.100.2)');
    signOutPhone.click();
    expect(dispatched).toHaveBeenLastCalledWith(ProfilePageActions.sessionSignOutClicked({ sessionId: 'phone' }));

    await setProfile({ sessions, endingSessionIds: ['phone'] });
    expect(el.querySelectorAll<HTMLButtonElement>('[data-testid=session] button')[0].disabled).toBe(true);
  });

  it('offers to link single sign-on when it is configured', async () => {
    const { el } = await setup({ ...PROVIDERS, oidc: { label: 'Keycloak' } });
    expect(el.querySelector('[data-testid=sso-link]')?.textContent).toContain('Link Keycloak');
    expect(el.querySelector('[data-testid=password-form]')).not.toBeNull();
  });

  it('has no password to change when passwords are off, and nothing to link without single sign-on', async () => {
    const { el } = await setup({ ...PROVIDERS, password: false, signup: 'closed' });
    expect(el.querySelector('[data-testid=password-form]')).toBeNull();
    expect(el.querySelector('#password-heading')).toBeNull();
    expect(el.querySelector('[data-testid=sso-link]')).toBeNull();
  });

  it('changes the password with the current one, and shows a wrong one next to its field', async () => {
    const { el, type, field, dispatched, setProfile } = await setup();
    const form = el.querySelector('[data-testid=password-form]')!;
    expect(el.querySelector('label[for=currentPassword]')?.textContent).toContain('Current password');
    expect(el.querySelector('label[for=newPassword]')?.textContent).toContain('New password');

    form.dispatchEvent(new Event('submit'));
    expect(dispatched).not.toHaveBeenCalledWith(
      expect.objectContaining({ type: ProfilePageActions.passwordChangeSubmitted.type }),
    );
    await type('currentPassword', 'old passphrase');
    await type('newPassword', 'a new passphrase');
    form.dispatchEvent(new Event('submit'));
    expect(dispatched).toHaveBeenLastCalledWith(
      ProfilePageActions.passwordChangeSubmitted({
        change: { currentPassword: 'old passphrase', newPassword: 'a new passphrase' },
      }),
    );

    await setProfile({
      passwordError: {
        status: 400,
        code: 'wrong_password',
        message: 'Your current password is not correct',
        fieldErrors: { currentPassword: ['Your current password is not correct'] },
      },
    });
    expect(el.querySelector('#currentPassword-error')?.textContent).toContain('Your current password is not correct');
    expect(field('currentPassword').getAttribute('aria-invalid')).toBe('true');

    await setProfile({ passwordChanged: true });
    expect(el.textContent).toContain('Password changed. Other sessions were signed out.');
    expect(field('currentPassword').value).toBe('');
  });
});

describe('ProfilePage: your data', () => {
  it('downloads the data, and deletes the account only with the password', async () => {
    const { button, dispatched, el, type, setProfile } = await setup();
    button('Download my data').click();
    expect(dispatched).toHaveBeenLastCalledWith(ProfilePageActions.exportClicked());

    button('Delete my account').click();
    expect(dispatched).toHaveBeenLastCalledWith(ProfilePageActions.eraseDialogOpened());
    expect(el.querySelector('dialog')?.hasAttribute('open')).toBe(true);
    const form = el.querySelector('[data-testid=erase-form]')!;
    form.dispatchEvent(new Event('submit'));
    await setProfile({});
    expect(el.querySelector('#erase-password-error')?.textContent).toContain('Enter your password');
    expect(dispatched).not.toHaveBeenCalledWith(
      expect.objectContaining({ type: ProfilePageActions.eraseConfirmed.type }),
    );

    await type('erase-password', 'my passphrase');
    form.dispatchEvent(new Event('submit'));
    expect(dispatched).toHaveBeenLastCalledWith(ProfilePageActions.eraseConfirmed({ password: 'my passphrase' }));

    await setProfile({
      eraseError: {
        status: 400,
        code: 'wrong_password',
        message: 'Your password is not correct',
        fieldErrors: { password: ['Your password is not correct'] },
      },
    });
    expect(el.querySelector('#erase-password-error')?.textContent).toContain('Your password is not correct');
    await setProfile({
      eraseError: {
        status: 409,
        code: 'last_admin',
        message: 'The last administrator cannot be erased',
        fieldErrors: {},
      },
    });
    expect(el.querySelector('dialog [role=alert]')?.textContent).toContain('The last administrator cannot be erased');
  });
});

describe('changesFrom', () => {
  const form = { displayName: 'Ada Lovelace', username: 'ada', bio: 'Engines.', sound: true, readReceipts: true };

  it('is empty when nothing changed', () => {
    expect(changesFrom(user, form)).toEqual({});
  });

  it('trims text, lowercases the username and sends both settings together', () => {
    expect(changesFrom(user, { ...form, username: ' Ada.L ', bio: ' New bio ', readReceipts: false })).toEqual({
      username: 'ada.l',
      bio: 'New bio',
      settings: { sound: true, readReceipts: false },
    });
  });
});
