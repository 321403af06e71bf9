import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { AuthProviders } from '@contracts/auth';
import { provideMockStore } from '@ngrx/store/testing';

import { authFeature, type AuthState, initialAuthState } from '../../core/auth/auth-feature';
import { SignupPage } from './signup-page';

const signedOut: AuthState = { ...initialAuthState, status: 'signedOut' };
const OPEN: AuthProviders = {
  password: true,
  signup: 'open',
  signupDomains: [],
  oidc: null,
  directMessages: 'friends',
};

async function setup(providers: AuthProviders, query: Record<string, string> = {}) {
  TestBed.configureTestingModule({
    imports: [SignupPage],
    providers: [
      provideRouter([]),
      { provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap(query) } } },
      provideHttpClient(),
      provideHttpClientTesting(),
      provideMockStore({ initialState: { [authFeature.name]: signedOut } }),
    ],
  });
  const fixture = TestBed.createComponent(SignupPage);
  TestBed.inject(HttpTestingController).expectOne('/api/auth/providers').flush(providers);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  return { el, sso: () => el.querySelector<HTMLAnchorElement>('[data-testid="sso-sign-in"]') };
}

describe('SignupPage', () => {
  it('offers single sign-on next to the form when sign-up is open, keeping where the person was going', async () => {
    const { el, sso } = await setup({ ...OPEN, oidc: { label: 'Keycloak' } }, { returnUrl: '/c/42' });
    expect(sso()?.textContent).toContain('Sign up with Keycloak');
    expect(sso()?.getAttribute('href')).toBe('/api/auth/oidc/login?returnTo=%2Fc%2F42');
    expect(el.querySelector('#username')).not.toBeNull();
  });

  it.each([
    ['closed', { ...OPEN, signup: 'closed' }],
    ['off (passwords)', { ...OPEN, password: false, signup: 'closed' }],
  ] as const)('makes single sign-on the way in when sign-up is %s', async (_what, providers) => {
    const { el, sso } = await setup({ ...providers, oidc: { label: 'Keycloak' } });
    expect(el.querySelector('form')).toBeNull();
    expect(el.querySelector('[data-testid="signup-closed"]')).toBeNull();
    expect(el.querySelector('[data-testid="signup-sso"]')?.textContent).toContain(
      'Your account is made the first time you sign in with Keycloak.',
    );
    expect(sso()?.textContent).toContain('Sign in with Keycloak');
    expect(sso()?.className).toContain('bg-indigo-600');
  });

  it('sends people to their administrator when sign-up is closed and there is no single sign-on', async () => {
    const { el, sso } = await setup({ ...OPEN, signup: 'closed' });
    expect(sso()).toBeNull();
    expect(el.querySelector('[data-testid="signup-closed"]')?.textContent).toContain('Ask your administrator');
  });

  it('shows only the form without single sign-on', async () => {
    const { el, sso } = await setup(OPEN);
    expect(sso()).toBeNull();
    expect(el.querySelector('form')).not.toBeNull();
  });
});
