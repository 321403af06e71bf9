import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';

import { authFeature, type AuthState, initialAuthState } from '../../core/auth/auth-feature';
import { buildSignedInState, buildUser } from '../../testing/builders';
import { VerifyEmailPageActions } from '../account-actions';
import { accountFeature, type AccountState, initialAccountState } from '../account-feature';
import { VerifyEmailPage } from './verify-email-page';

async function setup(token: string | undefined, auth: AuthState = { ...initialAuthState, status: 'signedOut' }) {
  const initialState = { [authFeature.name]: auth, [accountFeature.name]: initialAccountState };
  TestBed.configureTestingModule({
    imports: [VerifyEmailPage],
    providers: [provideRouter([]), provideMockStore({ initialState })],
  });
  const store = TestBed.inject(MockStore);
  const dispatched = jest.spyOn(store, 'dispatch');
  const fixture = TestBed.createComponent(VerifyEmailPage);
  fixture.componentRef.setInput('token', token);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const setAccount = async (state: Partial<AccountState>) => {
    store.setState({ ...initialState, [accountFeature.name]: { ...initialAccountState, ...state } });
    await fixture.whenStable();
  };
  return { el, dispatched, setAccount };
}

describe('VerifyEmailPage', () => {
  it('redeems the token from the link and says so', async () => {
    const { el, dispatched, setAccount } = await setup('tok');
    expect(dispatched).toHaveBeenCalledWith(VerifyEmailPageActions.opened({ token: 'tok' }));
    await setAccount({ verify: { status: 'pending', error: null, email: null } });
    expect(el.textContent).toContain('Verifying your email address…');
    await setAccount({ verify: { status: 'done', error: null, email: 'ada@example.com' } });
    expect(el.querySelector('[role=status]')?.textContent).toContain('ada@example.com is verified');
    expect(el.querySelector('a[href="/login"]')).not.toBeNull();
  });

  it('treats a used link as good news', async () => {
    const { el, setAccount } = await setup('tok');
    await setAccount({
      verify: {
        status: 'failed',
        email: null,
        error: { status: 409, code: 'email_already_verified', message: 'Used', fieldErrors: {} },
      },
    });
    expect(el.querySelector('[role=status]')?.textContent).toContain('your email address is verified');
  });

  it('lets a signed-in, unverified person ask for a new link after a bad one', async () => {
    const auth = buildSignedInState({ user: buildUser({ emailVerified: false }) });
    const { el, dispatched, setAccount } = await setup('tok', auth);
    await setAccount({
      verify: {
        status: 'failed',
        email: null,
        error: { status: 400, code: 'verification_link_invalid', message: 'This link has expired', fieldErrors: {} },
      },
    });
    expect(el.querySelector('[role=alert]')?.textContent).toContain('This link has expired');
    [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Send a new link'))!.click();
    expect(dispatched).toHaveBeenLastCalledWith(VerifyEmailPageActions.resendClicked());
  });

  it('does not call the server without a token', async () => {
    const { el, dispatched } = await setup(undefined);
    expect(dispatched).not.toHaveBeenCalled();
    expect(el.textContent).toContain('This link is incomplete');
  });
});
