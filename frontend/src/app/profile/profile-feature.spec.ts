import type { SessionView } from '@contracts/auth';

import type { ApiError } from '../core/api/api-error';
import { ProfileApiActions, ProfilePageActions } from './profile-actions';
import { initialProfileState, profileFeature, type ProfileState } from './profile-feature';

const { reducer } = profileFeature;

function buildSession(overrides: Partial<SessionView> = {}): SessionView {
  return {
    id: 's1',
    device: 'Firefox on Linux',
    ip: '203.0.113.7',
    createdAt: '2026-01-01T00:00:00.000Z',
    lastUsedAt: '2026-01-02T00:00:00.000Z',
    current: false,
    ...overrides,
  };
}

const wrongPassword: ApiError = {
  status: 400,
  code: 'wrong_password',
  message: 'Your current password is not correct',
  fieldErrors: { currentPassword: ['Your current password is not correct'] },
};

describe('profile reducer: password change', () => {
  it('goes pending, then remembers success until the form is edited', () => {
    let state = reducer(
      { ...initialProfileState, passwordError: wrongPassword },
      ProfilePageActions.passwordChangeSubmitted({ change: { currentPassword: 'a', newPassword: 'b' } }),
    );
    expect(state).toMatchObject({ changingPassword: true, passwordError: null, passwordChanged: false });
    state = reducer(state, ProfileApiActions.passwordChanged());
    expect(state).toMatchObject({ changingPassword: false, passwordChanged: true });
    state = reducer(state, ProfilePageActions.passwordFormEdited());
    expect(state.passwordChanged).toBe(false);
  });

  it('keeps the error with its field messages', () => {
    const state = reducer(
      { ...initialProfileState, changingPassword: true },
      ProfileApiActions.passwordChangeFailed({ error: wrongPassword }),
    );
    expect(state).toMatchObject({ changingPassword: false, passwordError: wrongPassword });
  });
});

describe('profile reducer: sessions', () => {
  const loaded: ProfileState = {
    ...initialProfileState,
    sessions: [
      buildSession({ id: 'here', current: true }),
      buildSession({ id: 'laptop' }),
      buildSession({ id: 'phone' }),
    ],
  };

  it('holds the loaded list, null until then', () => {
    expect(initialProfileState.sessions).toBeNull();
    const state = reducer(initialProfileState, ProfileApiActions.sessionsLoaded({ sessions: loaded.sessions! }));
    expect(state.sessions).toEqual(loaded.sessions);
  });

  it('marks a session being signed out and drops it once done', () => {
    let state = reducer(loaded, ProfilePageActions.sessionSignOutClicked({ sessionId: 'laptop' }));
    state = reducer(state, ProfilePageActions.sessionSignOutClicked({ sessionId: 'phone' }));
    expect(state.endingSessionIds).toEqual(['laptop', 'phone']);
    state = reducer(state, ProfileApiActions.sessionSignedOut({ sessionId: 'laptop' }));
    expect(state.sessions!.map((s) => s.id)).toEqual(['here', 'phone']);
    expect(state.endingSessionIds).toEqual(['phone']);
  });

  it('drops a session that had already ended (404), and reports any other failure', () => {
    const gone: ApiError = { status: 404, code: 'session_not_found', message: 'Already ended', fieldErrors: {} };
    const offline: ApiError = { status: 0, code: null, message: 'Cannot reach the server', fieldErrors: {} };
    let state = reducer(loaded, ProfilePageActions.sessionSignOutClicked({ sessionId: 'laptop' }));
    state = reducer(state, ProfileApiActions.sessionSignOutFailed({ sessionId: 'laptop', error: gone }));
    expect(state.sessions!.map((s) => s.id)).toEqual(['here', 'phone']);
    expect(state.sessionsError).toBeNull();

    state = reducer(state, ProfilePageActions.sessionSignOutClicked({ sessionId: 'phone' }));
    state = reducer(state, ProfileApiActions.sessionSignOutFailed({ sessionId: 'phone', error: offline }));
    expect(state.sessions!.map((s) => s.id)).toEqual(['here', 'phone']);
    expect(state).toMatchObject({ sessionsError: offline, endingSessionIds: [] });
  });
});

describe('profile reducer: your data', () => {
  it('tracks the download and the deletion, and why they failed', () => {
    const failure: ApiError = { status: 400, code: 'wrong_password', message: 'Wrong', fieldErrors: {} };
    let state = reducer(initialProfileState, ProfilePageActions.exportClicked());
    expect(state).toMatchObject({ exporting: true, exportError: null });
    state = reducer(state, ProfileApiActions.exportFailed({ error: failure }));
    expect(state).toMatchObject({ exporting: false, exportError: failure });
    state = reducer(state, ProfilePageActions.exportClicked());
    state = reducer(state, ProfileApiActions.exportDownloaded());
    expect(state).toMatchObject({ exporting: false, exportError: null });

    state = reducer(state, ProfilePageActions.eraseConfirmed({ password: 'x' }));
    expect(state).toMatchObject({ erasing: true, eraseError: null });
    state = reducer(state, ProfileApiActions.eraseFailed({ error: failure }));
    expect(state).toMatchObject({ erasing: false, eraseError: failure });
    state = reducer(state, ProfilePageActions.eraseDialogOpened());
    expect(state.eraseError).toBeNull();
  });
});
