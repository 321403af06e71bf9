import type { ApiError } from '../core/api/api-error';
import { authFeature } from '../core/auth/auth-feature';
import { buildSignedInState, buildUser } from '../testing/builders';
import {
  AccountApiActions,
  ForgotPasswordPageActions,
  ResetPasswordPageActions,
  VerifyEmailBannerActions,
  VerifyEmailPageActions,
} from './account-actions';
import { accountFeature, initialAccountState } from './account-feature';

const { reducer } = accountFeature;
const error: ApiError = {
  status: 400,
  code: 'reset_link_invalid',
  message: 'This reset link is invalid',
  fieldErrors: {},
};

describe('account reducer', () => {
  it('tracks the reset-link request and keeps the server answer', () => {
    let state = reducer(initialAccountState, ForgotPasswordPageActions.submitted({ email: 'ada@example.com' }));
    expect(state.forgot).toEqual({ status: 'pending', error: null, message: null });
    state = reducer(state, AccountApiActions.resetLinkRequested({ message: 'If an account uses this address…' }));
    expect(state.forgot).toEqual({ status: 'done', error: null, message: 'If an account uses this address…' });
    state = reducer(state, ForgotPasswordPageActions.opened());
    expect(state.forgot).toEqual(initialAccountState.forgot);
  });

  it('tracks a password reset and its failure', () => {
    let state = reducer(initialAccountState, ResetPasswordPageActions.submitted({ token: 't', password: 'p' }));
    expect(state.reset.status).toBe('pending');
    state = reducer(state, AccountApiActions.passwordResetFailed({ error }));
    expect(state.reset).toEqual({ status: 'failed', error });
    state = reducer(state, ResetPasswordPageActions.submitted({ token: 't', password: 'p' }));
    expect(state.reset.error).toBeNull();
    state = reducer(state, AccountApiActions.passwordReset());
    expect(state.reset.status).toBe('done');
  });

  it('tracks verifying a link, and a fresh start when the page opens again', () => {
    let state = reducer(initialAccountState, VerifyEmailPageActions.opened({ token: 't' }));
    expect(state.verify.status).toBe('pending');
    state = reducer(state, AccountApiActions.emailVerified({ email: 'ada@example.com' }));
    expect(state.verify).toEqual({ status: 'done', error: null, email: 'ada@example.com' });
    state = reducer(state, VerifyEmailPageActions.opened({ token: 'other' }));
    expect(state.verify).toEqual({ status: 'pending', error: null, email: null });
  });

  it('tracks resending the verification mail from the banner or the page', () => {
    for (const clicked of [VerifyEmailBannerActions.resendClicked(), VerifyEmailPageActions.resendClicked()]) {
      let state = reducer(initialAccountState, clicked);
      expect(state.resend.status).toBe('pending');
      state = reducer(state, AccountApiActions.verificationEmailFailed({ error }));
      expect(state.resend).toEqual({ status: 'failed', error });
      state = reducer(reducer(state, clicked), AccountApiActions.verificationEmailSent());
      expect(state.resend).toEqual({ status: 'done', error: null });
    }
  });
});

describe('auth reducer on a verified email', () => {
  it('marks the signed-in user verified when the address is theirs, and only then', () => {
    const signedIn = buildSignedInState({ user: buildUser({ email: 'ada@example.com', emailVerified: false }) });
    const mine = authFeature.reducer(signedIn, AccountApiActions.emailVerified({ email: 'ada@example.com' }));
    expect(mine.user?.emailVerified).toBe(true);
    const other = authFeature.reducer(signedIn, AccountApiActions.emailVerified({ email: 'grace@example.com' }));
    expect(other).toBe(signedIn);
  });
});
