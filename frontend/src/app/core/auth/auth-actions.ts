import type { AuthResponse } from '@contracts/auth';
import type { SessionEndReason } from '@contracts/socket-events';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

import type { ApiError } from '../api/api-error';
import type { LoginRequest, SignupRequest } from '../api/auth-api';

export const LoginPageActions = createActionGroup({
  source: 'Login Page',
  events: {
    Opened: emptyProps(),
    Submitted: props<{ credentials: LoginRequest }>(),
  },
});

export const SignupPageActions = createActionGroup({
  source: 'Signup Page',
  events: {
    Opened: emptyProps(),
    Submitted: props<{ details: SignupRequest }>(),
  },
});

export const InvitationPageActions = createActionGroup({
  source: 'Invitation Page',
  events: {
    Opened: emptyProps(),
    Submitted: props<{ token: string; password: string }>(),
  },
});

export const AppShellActions = createActionGroup({
  source: 'App Shell',
  events: {
    'Sign Out Clicked': emptyProps(),
  },
});

export const AuthApiActions = createActionGroup({
  source: 'Auth/API',
  events: {
    'Login Succeeded': props<{ response: AuthResponse }>(),
    'Login Failed': props<{ error: ApiError }>(),
    'Signup Succeeded': props<{ response: AuthResponse }>(),
    'Signup Failed': props<{ error: ApiError }>(),
    'Invitation Accepted': props<{ response: AuthResponse }>(),
    'Invitation Failed': props<{ error: ApiError }>(),
    /** A refresh (on load, ahead of expiry, or after a 401) gave a new access token. */
    'Session Refreshed': props<{ response: AuthResponse }>(),
    /** The refresh on page load found no valid session: the person simply is not signed in. */
    'Session Restore Failed': (reason?: SessionEndReason) => ({ reason }),
    /**
     * A signed-in session could not be refreshed (expired, revoked, reused): back to the login page. `reason` when
     * the server said why (a ban), so the login page can explain it.
     */
    'Session Expired': (reason?: SessionEndReason) => ({ reason }),
    'Signed Out': emptyProps(),
    'Sign Out Everywhere Failed': props<{ error: ApiError }>(),
  },
});

export const AuthTabActions = createActionGroup({
  source: 'Auth/Tabs',
  events: {
    'Signed Out Elsewhere': emptyProps(),
  },
});
