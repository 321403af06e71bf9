import { AccountApiActions } from '../../auth/account-actions';
import { ProfileApiActions } from '../../profile/profile-actions';
import { buildAuthResponse, buildSignedInState, buildUser } from '../../testing/builders';
import type { ApiError } from '../api/api-error';
import { SocketActions } from '../socket/socket-actions';
import { AuthApiActions, AuthTabActions, LoginPageActions, SignupPageActions } from './auth-actions';
import { authFeature, type AuthState, initialAuthState } from './auth-feature';

const { reducer } = authFeature;
const error: ApiError = { status: 401, code: null, message: 'Wrong username or password', fieldErrors: {} };

describe('auth reducer', () => {
  it('starts out restoring the session, with no token', () => {
    const state = reducer(undefined, { type: '@@init' });
    expect(state.status).toBe('restoring');
    expect(state.accessToken).toBeNull();
  });

  it.each([
    ['login', AuthApiActions.loginSucceeded],
    ['signup', AuthApiActions.signupSucceeded],
    ['refresh', AuthApiActions.sessionRefreshed],
  ])('signs in with the token and user from a %s response', (_name, action) => {
    const response = buildAuthResponse({ accessToken: 'fresh', user: buildUser({ username: 'grace' }) });
    const state = reducer({ ...initialAuthState, pending: true, error }, action({ response }));
    expect(state).toEqual<AuthState>({
      status: 'signedIn',
      accessToken: 'fresh',
      user: response.user,
      pending: false,
      error: null,
      endReason: null,
    });
  });

  it('marks a login as pending and clears the previous error', () => {
    const before = { ...initialAuthState, status: 'signedOut' as const, error };
    const state = reducer(before, LoginPageActions.submitted({ credentials: { login: 'ada', password: 'x' } }));
    expect(state.pending).toBe(true);
    expect(state.error).toBeNull();
  });

  it('keeps the error of a failed signup and stays signed out', () => {
    const before = reducer(
      { ...initialAuthState, status: 'signedOut' },
      SignupPageActions.submitted({ details: { username: 'ada', email: 'a@b.c', password: 'password1' } }),
    );
    const state = reducer(before, AuthApiActions.signupFailed({ error }));
    expect(state).toMatchObject({ status: 'signedOut', pending: false, error, accessToken: null });
  });

  it('forgets an old error when a form opens', () => {
    const state = reducer({ ...initialAuthState, status: 'signedOut', error }, LoginPageActions.opened());
    expect(state.error).toBeNull();
  });

  it.each([
    ['restore failed', AuthApiActions.sessionRestoreFailed()],
    ['session expired', AuthApiActions.sessionExpired()],
    ['signed out', AuthApiActions.signedOut()],
    ['signed out in another tab', AuthTabActions.signedOutElsewhere()],
  ])('drops the token and user when %s', (_name, action) => {
    const state = reducer(buildSignedInState(), action);
    expect(state).toEqual<AuthState>({ ...initialAuthState, status: 'signedOut' });
  });

  it('remembers that a ban ended the session until the next sign-in attempt', () => {
    const state = reducer(buildSignedInState(), AuthApiActions.sessionExpired('banned'));
    expect(state).toMatchObject({ status: 'signedOut', user: null, accessToken: null, endReason: 'banned' });
    expect(reducer(state, LoginPageActions.opened()).endReason).toBe('banned');
    const submitted = reducer(state, LoginPageActions.submitted({ credentials: { login: 'ada', password: 'x' } }));
    expect(submitted.endReason).toBeNull();
  });

  it('says why when the restore on page load finds a banned account', () => {
    expect(reducer(initialAuthState, AuthApiActions.sessionRestoreFailed('banned'))).toMatchObject({
      status: 'signedOut',
      endReason: 'banned',
    });
  });

  it('selects whether the person is an admin', () => {
    expect(authFeature.selectIsAdmin.projector(buildUser({ roles: ['user', 'admin'] }))).toBe(true);
    expect(authFeature.selectIsAdmin.projector(buildUser())).toBe(false);
    expect(authFeature.selectIsAdmin.projector(null)).toBe(false);
  });

  it('takes the user from a saved profile', () => {
    const user = buildUser({ displayName: 'Countess Lovelace' });
    const state = reducer(buildSignedInState(), ProfileApiActions.saveSucceeded({ user }));
    expect(state.user).toBe(user);
    expect(state.accessToken).toBe('access-token');
  });

  it('ignores a late profile response after signing out', () => {
    const signedOut: AuthState = { ...initialAuthState, status: 'signedOut' };
    expect(reducer(signedOut, ProfileApiActions.loadSucceeded({ user: buildUser() }))).toBe(signedOut);
  });

  it('selects whether someone is signed in', () => {
    expect(authFeature.selectIsSignedIn.projector('signedIn')).toBe(true);
    expect(authFeature.selectIsSignedIn.projector('restoring')).toBe(false);
    expect(authFeature.selectIsRestoring.projector('restoring')).toBe(true);
  });

  it('takes my account as another tab or an admin changed it, and ignores friends’ profiles', () => {
    const me = buildUser({ id: 'me', emailVerified: false, roles: ['user'] });
    const state = buildSignedInState({ user: me });
    const changed = { ...me, emailVerified: true, roles: ['user' as const, 'admin' as const] };
    expect(reducer(state, SocketActions.userUpdated({ user: changed })).user).toEqual(changed);
    const friend = { id: 'friend', username: 'f', displayName: 'F', avatarUrl: null, bio: '' };
    expect(reducer(state, SocketActions.userUpdated({ user: friend })).user).toBe(me);
  });

  it('counts the address as verified when Resend finds it verified already', () => {
    const state = buildSignedInState({ user: buildUser({ emailVerified: false }) });
    const verified: ApiError = { status: 409, code: 'email_already_verified', message: 'Already', fieldErrors: {} };
    expect(reducer(state, AccountApiActions.verificationEmailFailed({ error: verified })).user?.emailVerified).toBe(
      true,
    );
    expect(reducer(state, AccountApiActions.verificationEmailFailed({ error })).user?.emailVerified).toBe(false);
  });
});
