import { TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';

import { authFeature } from '../../core/auth/auth-feature';
import { buildSignedInState, buildUser } from '../../testing/builders';
import { VerifyEmailBannerActions } from '../account-actions';
import { accountFeature, type AccountState, initialAccountState } from '../account-feature';
import { VerifyEmailBanner } from './verify-email-banner';

async function setup(emailVerified: boolean) {
  const initialState = {
    [authFeature.name]: buildSignedInState({ user: buildUser({ email: 'ada@example.com', emailVerified }) }),
    [accountFeature.name]: initialAccountState,
  };
  TestBed.configureTestingModule({ imports: [VerifyEmailBanner], providers: [provideMockStore({ initialState })] });
  const store = TestBed.inject(MockStore);
  const dispatched = jest.spyOn(store, 'dispatch');
  const fixture = TestBed.createComponent(VerifyEmailBanner);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const setAccount = async (state: Partial<AccountState>) => {
    store.setState({ ...initialState, [accountFeature.name]: { ...initialAccountState, ...state } });
    await fixture.whenStable();
  };
  return { el, dispatched, setAccount };
}

describe('VerifyEmailBanner', () => {
  it('is absent once the address is verified', async () => {
    const { el } = await setup(true);
    expect(el.textContent?.trim()).toBe('');
  });

  it('asks to verify, resends on request and says how it went', async () => {
    const { el, dispatched, setAccount } = await setup(false);
    expect(el.textContent).toContain('Please verify your email address');
    expect(el.textContent).toContain('ada@example.com');
    el.querySelector('button')!.click();
    expect(dispatched).toHaveBeenLastCalledWith(VerifyEmailBannerActions.resendClicked());

    await setAccount({ resend: { status: 'pending', error: null } });
    expect(el.querySelector('button')!.disabled).toBe(true);
    await setAccount({ resend: { status: 'done', error: null } });
    expect(el.querySelector('[role=status]')?.textContent).toContain('Sent. Check your inbox.');
    await setAccount({
      resend: {
        status: 'failed',
        error: { status: 429, code: 'verification_throttled', message: 'Wait a few minutes', fieldErrors: {} },
      },
    });
    expect(el.querySelector('[role=status]')?.textContent).toContain('Wait a few minutes');
  });
});
