import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';

import { ResetPasswordPageActions } from '../account-actions';
import { accountFeature, type AccountState, initialAccountState } from '../account-feature';
import { ResetPasswordPage } from './reset-password-page';

async function setup(token: string | null = 'reset-token') {
  TestBed.configureTestingModule({
    imports: [ResetPasswordPage],
    providers: [provideRouter([]), provideMockStore({ initialState: { [accountFeature.name]: initialAccountState } })],
  });
  const store = TestBed.inject(MockStore);
  const dispatched = jest.spyOn(store, 'dispatch');
  const fixture = TestBed.createComponent(ResetPasswordPage);
  fixture.componentRef.setInput('token', token ?? undefined);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const setAccount = async (state: Partial<AccountState>) => {
    store.setState({ [accountFeature.name]: { ...initialAccountState, ...state } });
    await fixture.whenStable();
  };
  const type = async (value: string) => {
    const input = el.querySelector<HTMLInputElement>('#password')!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const submit = () => el.querySelector('form')!.dispatchEvent(new Event('submit'));
  return { el, dispatched, setAccount, type, submit };
}

describe('ResetPasswordPage', () => {
  it('sets the new password with the token from the link', async () => {
    const { el, type, submit, dispatched } = await setup();
    expect(el.querySelector('label[for=password]')?.textContent).toContain('New password');
    await type('a new passphrase');
    submit();
    expect(dispatched).toHaveBeenLastCalledWith(
      ResetPasswordPageActions.submitted({ token: 'reset-token', password: 'a new passphrase' }),
    );
  });

  it('checks the length before asking the server', async () => {
    const { type, submit, dispatched } = await setup();
    await type('short');
    submit();
    await Promise.resolve();
    expect(dispatched).not.toHaveBeenCalledWith(
      expect.objectContaining({ type: ResetPasswordPageActions.submitted.type }),
    );
  });

  it('offers a new link when this one is no good', async () => {
    const { el, setAccount } = await setup();
    await setAccount({
      reset: {
        status: 'failed',
        error: { status: 400, code: 'reset_link_invalid', message: 'This reset link is invalid', fieldErrors: {} },
      },
    });
    expect(el.querySelector('[role=alert]')?.textContent).toContain('This reset link is invalid');
    expect(el.querySelector('a[href="/forgot-password"]')?.textContent).toContain('Ask for a new link');
  });

  it('says when the link has no token', async () => {
    const { el } = await setup(null);
    expect(el.querySelector('form')).toBeNull();
    expect(el.textContent).toContain('This link is incomplete');
  });

  it('points to the sign-in page once the password is set', async () => {
    const { el, setAccount } = await setup();
    await setAccount({ reset: { status: 'done', error: null } });
    expect(el.querySelector('[role=status]')?.textContent).toContain('Your password has been changed');
    expect(el.querySelector('a[href="/login"]')?.textContent).toContain('Sign in');
  });
});
