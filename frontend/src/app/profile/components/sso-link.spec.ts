import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideMockStore } from '@ngrx/store/testing';

import { authFeature } from '../../core/auth/auth-feature';
import { buildSignedInState } from '../../testing/builders';
import { SsoLink } from './sso-link';

async function setup(search: string) {
  window.history.replaceState(null, '', `/profile${search}`);
  TestBed.configureTestingModule({
    imports: [SsoLink],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideMockStore({ initialState: { [authFeature.name]: buildSignedInState() } }),
    ],
  });
  const fixture = TestBed.createComponent(SsoLink);
  document.body.appendChild(fixture.nativeElement);
  fixture.componentRef.setInput('label', 'Keycloak');
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  return { el, section: el.querySelector<HTMLElement>('[data-testid="sso-link"]')! };
}

describe('SsoLink', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('offers to link the IdP to the account', async () => {
    const { section } = await setup('');
    expect(section.textContent).toContain('Link Keycloak to this account');
    expect(document.activeElement).not.toBe(section);
  });

  it('takes the person back to it when the IdP refused the link', async () => {
    const { section } = await setup('?ssoError=sso_identity_in_use');
    expect(section.textContent).toContain('already belongs to another account');
    expect(document.activeElement).toBe(section);
  });

  it('takes the person back to it once linked', async () => {
    const { section } = await setup('?linked=sso');
    expect(section.textContent).toContain('Linked to Keycloak.');
    expect(document.activeElement).toBe(section);
  });
});
