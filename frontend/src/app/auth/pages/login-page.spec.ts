import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { AuthProviders } from '@contracts/auth';
import { MockStore, provideMockStore } from '@ngrx/store/testing';

import { LoginPageActions } from '../../core/auth/auth-actions';
import { authFeature, type AuthState, initialAuthState } from '../../core/auth/auth-feature';
import { LoginPage } from './login-page';

const signedOut: AuthState = { ...initialAuthState, status: 'signedOut' };

const OPEN: AuthProviders = {
  password: true,
  signup: 'open',
  signupDomains: [],
  oidc: null,
  directMessages: 'friends',
};

async function setup(providers: AuthProviders = OPEN, query: Record<string, string> = {}) {
  TestBed.configureTestingModule({
    imports: [LoginPage],
    providers: [
      provideRouter([]),
      { provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap(query) } } },
      provideHttpClient(),
      provideHttpClientTesting(),
      provideMockStore({ initialState: { [authFeature.name]: signedOut } }),
    ],
  });
  const store = TestBed.inject(MockStore);
  const dispatched = jest.spyOn(store, 'dispatch');
  const fixture = TestBed.createComponent(LoginPage);
  TestBed.inject(HttpTestingController).expectOne('/api/auth/providers').flush(providers);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const input = (id: string) => el.querySelector<HTMLInputElement>(`#${id}`)!;
  const type = (id: string, value: string) => {
    input(id).value = value;
    input(id).dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    el.querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  };
  const setAuth = async (state: Partial<AuthState>) => {
    store.setState({ [authFeature.name]: { ...signedOut, ...state } });
    await fixture.whenStable();
  };
  const button = () => el.querySelector<HTMLButtonElement>('button[type=submit]')!;
  return { el, input, type, submit, setAuth, button, dispatched, fixture };
}

describe('LoginPage', () => {
  it('offers single sign-on when configured, keeping where the person was going', async () => {
    const { el } = await setup({ ...OPEN, oidc: { label: 'Keycloak' } }, { returnUrl: '/c/42?x=1' });
    const sso = el.querySelector<HTMLAnchorElement>('[data-testid="sso-sign-in"]')!;
    expect(sso.textContent).toContain('Sign in with Keycloak');
    expect(sso.getAttribute('href')).toBe('/api/auth/oidc/login?returnTo=%2Fc%2F42%3Fx%3D1');
    expect(el.querySelector('#password')).not.toBeNull();
  });

  it('shows only single sign-on when passwords are off, and explains a failed sign-in', async () => {
    const providers: AuthProviders = {
      password: false,
      signup: 'closed',
      signupDomains: [],
      oidc: { label: 'Acme' },
      directMessages: 'friends',
    };
    const { el } = await setup(providers, {
      ssoError: 'account_exists_link_required',
      returnUrl: 'https://evil.example',
    });
    expect(el.querySelector('#password')).toBeNull();
    expect(el.querySelector('[data-testid="sso-sign-in"]')?.getAttribute('href')).toBe(
      '/api/auth/oidc/login?returnTo=%2F',
    );
    expect(el.querySelector('[data-testid="sso-error"]')?.textContent).toContain(
      'link single sign-on from your profile',
    );
    expect(el.querySelector('[data-testid="signup-sso"]')?.textContent).toContain('first time you sign in with Acme');
    // The only way in is the page's primary action.
    expect(el.querySelector('[data-testid="sso-sign-in"]')?.className).toContain('bg-indigo-600');
  });

  it('shows single sign-on as the secondary way in next to passwords', async () => {
    const { el } = await setup({ ...OPEN, oidc: { label: 'Keycloak' } });
    expect(el.querySelector('[data-testid="sso-sign-in"]')?.className).not.toContain('bg-indigo-600');
    expect(el.querySelector('app-or-divider')?.textContent).toContain('or');
  });

  it('shows no single sign-on without it', async () => {
    const { el } = await setup();
    expect(el.querySelector('[data-testid="sso-sign-in"]')).toBeNull();
  });

  it('has labelled fields', async () => {
    const { el } = await setup();
    expect(el.querySelector('label[for=login]')?.textContent).toContain('Username or email');
    expect(el.querySelector('label[for=password]')?.textContent).toContain('Password');
    expect(el.querySelector('main h1')?.textContent).toContain('Sign in');
  });

  it.each(['open', 'domains'] as const)('offers "Create an account" when sign-up is %s', async (signup) => {
    const { el } = await setup({ ...OPEN, signup });
    expect(el.querySelector('a[href="/signup"]')?.textContent).toContain('Create an account');
    expect(el.querySelector('[data-testid="signup-closed"]')).toBeNull();
  });

  it.each(['invite', 'closed'] as const)('sends people to their administrator when sign-up is %s', async (signup) => {
    const { el } = await setup({ ...OPEN, signup });
    expect(el.querySelector('a[href="/signup"]')).toBeNull();
    expect(el.querySelector('[data-testid="signup-closed"]')?.textContent).toContain(
      'Ask your administrator for an invitation.',
    );
  });

  it('submits the credentials', async () => {
    const { type, submit, dispatched } = await setup();
    type('login', ' ada ');
    type('password', 'correct horse');
    await submit();
    expect(dispatched).toHaveBeenLastCalledWith(
      LoginPageActions.submitted({ credentials: { login: 'ada', password: 'correct horse' } }),
    );
  });

  it('does not submit an empty form, and says why next to each field', async () => {
    const { submit, dispatched, input, el } = await setup();
    await submit();
    expect(dispatched).not.toHaveBeenCalledWith(expect.objectContaining({ type: LoginPageActions.submitted.type }));
    expect(el.querySelector('#login-error')?.textContent).toContain('This field is required.');
    expect(input('login').getAttribute('aria-invalid')).toBe('true');
    expect(input('login').getAttribute('aria-describedby')).toBe('login-error');
  });

  it('marks no field red for tabbing through it before anything was typed', async () => {
    const { input, type, fixture, el } = await setup();
    for (const id of ['login', 'password']) {
      input(id).focus();
      input(id).dispatchEvent(new Event('blur'));
    }
    await fixture.whenStable();
    expect(input('login').getAttribute('aria-invalid')).toBeNull();
    expect(input('password').getAttribute('aria-invalid')).toBeNull();
    expect(el.querySelector('#login-error')).toBeNull();

    // Typed, then emptied and left: now it is worth saying.
    type('login', 'a');
    type('login', '');
    input('login').dispatchEvent(new Event('blur'));
    await fixture.whenStable();
    expect(el.querySelector('#login-error')?.textContent).toContain('This field is required.');
  });

  it('disables the button while signing in', async () => {
    const { setAuth, button } = await setup();
    expect(button().disabled).toBe(false);
    await setAuth({ pending: true });
    expect(button().disabled).toBe(true);
    expect(button().textContent).toContain('Signing in…');
  });

  it('shows the server message in the alert area', async () => {
    const { setAuth, el } = await setup();
    await setAuth({ error: { status: 429, code: null, message: 'Too many attempts, wait a minute', fieldErrors: {} } });
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Too many attempts, wait a minute');
  });

  it('says so when a ban ended the session', async () => {
    const { setAuth, el } = await setup();
    expect(el.querySelector('[data-testid=login-notice]')).toBeNull();
    await setAuth({ endReason: 'banned' });
    expect(el.querySelector('[data-testid=login-notice] [role=alert]')?.textContent).toContain(
      'Your account has been suspended by an administrator',
    );
  });

  it.each([
    ['password_reset', 'Your password was reset, so you were signed out everywhere'],
    ['password_changed', 'Your password was changed on another device'],
  ] as const)('says why when the session ended with %s', async (endReason, text) => {
    const { setAuth, el } = await setup();
    await setAuth({ endReason });
    expect(el.querySelector('[data-testid=login-notice] [role=alert]')?.textContent).toContain(text);
  });

  it('says so when the account was deleted', async () => {
    const { setAuth, el } = await setup();
    await setAuth({ endReason: 'account_erased' });
    expect(el.querySelector('[data-testid=login-notice] [role=alert]')?.textContent).toContain(
      'Your account has been deleted',
    );
  });

  it('shows field errors from the server next to the field until it is edited', async () => {
    const { setAuth, el, type, fixture } = await setup();
    await setAuth({
      error: { status: 400, code: null, message: 'x', fieldErrors: { login: ['login must not be empty'] } },
    });
    expect(el.querySelector('#login-error')?.textContent).toContain('login must not be empty');
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Please fix the highlighted fields.');

    type('login', 'ada');
    await fixture.whenStable();
    expect(el.querySelector('#login-error')).toBeNull();
  });
});
