import type { SessionEndReason } from '@contracts/socket-events';
import type { CurrentUserView } from '@contracts/users';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';

import { AccountApiActions } from '../../auth/account-actions';
import { NotificationsApiActions } from '../../notifications/notification-actions';
import { ProfileApiActions } from '../../profile/profile-actions';
import type { ApiError } from '../api/api-error';
import { SocketActions } from '../socket/socket-actions';
import {
  AuthApiActions,
  AuthTabActions,
  InvitationPageActions,
  LoginPageActions,
  SignupPageActions,
} from './auth-actions';

/** `restoring` until the refresh on page load has answered; guards wait for it. */
export type AuthStatus = 'restoring' | 'signedIn' | 'signedOut';

export interface AuthState {
  status: AuthStatus;
  /** Held only here, in memory; never written to storage. */
  accessToken: string | null;
  user: CurrentUserView | null;
  /** A login or signup request is in flight. */
  pending: boolean;
  /** Why the last login or signup failed. */
  error: ApiError | null;
  /** Why the server ended the last session (a ban), until the next sign-in attempt; the login page says so. */
  endReason: SessionEndReason | null;
}

export const initialAuthState: AuthState = {
  status: 'restoring',
  accessToken: null,
  user: null,
  pending: false,
  error: null,
  endReason: null,
};

const signedOut: AuthState = { ...initialAuthState, status: 'signedOut' };

export const authFeature = createFeature({
  name: 'auth',
  reducer: createReducer(
    initialAuthState,
    on(LoginPageActions.opened, SignupPageActions.opened, InvitationPageActions.opened, (state): AuthState => ({
      ...state,
      error: null,
    })),
    on(
      LoginPageActions.submitted,
      SignupPageActions.submitted,
      InvitationPageActions.submitted,
      (state): AuthState => ({
        ...state,
        pending: true,
        error: null,
        endReason: null,
      }),
    ),
    on(
      AuthApiActions.loginSucceeded,
      AuthApiActions.signupSucceeded,
      AuthApiActions.invitationAccepted,
      AuthApiActions.sessionRefreshed,
      (state, { response }): AuthState => ({
        ...state,
        status: 'signedIn',
        accessToken: response.accessToken,
        user: response.user,
        pending: false,
        error: null,
        endReason: null,
      }),
    ),
    on(
      AuthApiActions.loginFailed,
      AuthApiActions.signupFailed,
      AuthApiActions.invitationFailed,
      (state, { error }): AuthState => ({
        ...state,
        pending: false,
        error,
      }),
    ),
    // The link may be opened in any tab; the banner goes away wherever the signed-in address is the verified one.
    on(AccountApiActions.emailVerified, (state, { email }): AuthState =>
      state.user?.email === email ? { ...state, user: { ...state.user, emailVerified: true } } : state,
    ),
    // Resend found the address verified already (in another browser, say): the banner's "please verify" is stale.
    on(AccountApiActions.verificationEmailFailed, (state, { error }): AuthState =>
      state.user && error.code === 'email_already_verified'
        ? { ...state, user: { ...state.user, emailVerified: true } }
        : state,
    ),
    // My own account changed elsewhere (another tab, an admin): only my own tabs get the whole view, with `email`.
    on(SocketActions.userUpdated, (state, { user }): AuthState =>
      state.user?.id === user.id && 'email' in user ? { ...state, user } : state,
    ),
    on(
      ProfileApiActions.loadSucceeded,
      ProfileApiActions.saveSucceeded,
      ProfileApiActions.avatarChanged,
      NotificationsApiActions.settingsSaved,
      (state, { user }): AuthState => (state.status === 'signedIn' ? { ...state, user } : state),
    ),
    on(AuthApiActions.signedOut, AuthTabActions.signedOutElsewhere, (): AuthState => signedOut),
    on(AuthApiActions.sessionRestoreFailed, AuthApiActions.sessionExpired, (_state, { reason }): AuthState =>
      reason ? { ...signedOut, endReason: reason } : signedOut,
    ),
  ),
  extraSelectors: ({ selectStatus, selectUser }) => ({
    selectIsSignedIn: createSelector(selectStatus, (status) => status === 'signedIn'),
    selectIsRestoring: createSelector(selectStatus, (status) => status === 'restoring'),
    selectIsAdmin: createSelector(selectUser, (user) => user?.roles.includes('admin') ?? false),
  }),
});
