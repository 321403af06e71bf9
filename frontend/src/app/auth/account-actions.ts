import { createActionGroup, emptyProps, props } from '@ngrx/store';

import type { ApiError } from '../core/api/api-error';

export const ForgotPasswordPageActions = createActionGroup({
  source: 'Forgot Password Page',
  events: {
    Opened: emptyProps(),
    Submitted: props<{ email: string }>(),
  },
});

export const ResetPasswordPageActions = createActionGroup({
  source: 'Reset Password Page',
  events: {
    Opened: emptyProps(),
    Submitted: props<{ token: string; password: string }>(),
  },
});

export const VerifyEmailPageActions = createActionGroup({
  source: 'Verify Email Page',
  events: {
    Opened: props<{ token: string }>(),
    'Resend Clicked': emptyProps(),
  },
});

export const VerifyEmailBannerActions = createActionGroup({
  source: 'Verify Email Banner',
  events: {
    'Resend Clicked': emptyProps(),
  },
});

export const AccountApiActions = createActionGroup({
  source: 'Account/API',
  events: {
    'Reset Link Requested': props<{ message: string }>(),
    'Reset Link Request Failed': props<{ error: ApiError }>(),
    'Password Reset': emptyProps(),
    'Password Reset Failed': props<{ error: ApiError }>(),
    'Email Verified': props<{ email: string }>(),
    'Email Verification Failed': props<{ error: ApiError }>(),
    'Verification Email Sent': emptyProps(),
    'Verification Email Failed': props<{ error: ApiError }>(),
  },
});
