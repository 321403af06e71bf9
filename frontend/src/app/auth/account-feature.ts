import { createFeature, createReducer, on } from '@ngrx/store';

import type { ApiError } from '../core/api/api-error';
import {
  AccountApiActions,
  ForgotPasswordPageActions,
  ResetPasswordPageActions,
  VerifyEmailBannerActions,
  VerifyEmailPageActions,
} from './account-actions';

export type RequestStatus = 'idle' | 'pending' | 'done' | 'failed';

export interface RequestState {
  status: RequestStatus;
  error: ApiError | null;
}

/** The request state of the account pages and the verification banner. */
export interface AccountState {
  forgot: RequestState & { message: string | null };
  reset: RequestState;
  verify: RequestState & { email: string | null };
  resend: RequestState;
}

const idle: RequestState = { status: 'idle', error: null };
const pending: RequestState = { status: 'pending', error: null };
const done: RequestState = { status: 'done', error: null };
const failed = (error: ApiError): RequestState => ({ status: 'failed', error });

export const initialAccountState: AccountState = {
  forgot: { ...idle, message: null },
  reset: idle,
  verify: { ...idle, email: null },
  resend: idle,
};

export const accountFeature = createFeature({
  name: 'account',
  reducer: createReducer(
    initialAccountState,
    on(ForgotPasswordPageActions.opened, (state): AccountState => ({ ...state, forgot: initialAccountState.forgot })),
    on(ForgotPasswordPageActions.submitted, (state): AccountState => ({
      ...state,
      forgot: { ...pending, message: null },
    })),
    on(AccountApiActions.resetLinkRequested, (state, { message }): AccountState => ({
      ...state,
      forgot: { ...done, message },
    })),
    on(AccountApiActions.resetLinkRequestFailed, (state, { error }): AccountState => ({
      ...state,
      forgot: { ...failed(error), message: null },
    })),

    on(ResetPasswordPageActions.opened, (state): AccountState => ({ ...state, reset: idle })),
    on(ResetPasswordPageActions.submitted, (state): AccountState => ({ ...state, reset: pending })),
    on(AccountApiActions.passwordReset, (state): AccountState => ({ ...state, reset: done })),
    on(AccountApiActions.passwordResetFailed, (state, { error }): AccountState => ({ ...state, reset: failed(error) })),

    on(VerifyEmailPageActions.opened, (state): AccountState => ({
      ...state,
      verify: { ...pending, email: null },
      resend: idle,
    })),
    on(AccountApiActions.emailVerified, (state, { email }): AccountState => ({
      ...state,
      verify: { ...done, email },
    })),
    on(AccountApiActions.emailVerificationFailed, (state, { error }): AccountState => ({
      ...state,
      verify: { ...failed(error), email: null },
    })),

    on(VerifyEmailBannerActions.resendClicked, VerifyEmailPageActions.resendClicked, (state): AccountState => ({
      ...state,
      resend: pending,
    })),
    on(AccountApiActions.verificationEmailSent, (state): AccountState => ({ ...state, resend: done })),
    on(AccountApiActions.verificationEmailFailed, (state, { error }): AccountState => ({
      ...state,
      resend: failed(error),
    })),
  ),
});
