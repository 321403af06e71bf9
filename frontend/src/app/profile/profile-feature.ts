import type { SessionView } from '@contracts/auth';
import { createFeature, createReducer, on } from '@ngrx/store';

import type { ApiError } from '../core/api/api-error';
import { AuthApiActions } from '../core/auth/auth-actions';
import { ProfileApiActions, ProfilePageActions } from './profile-actions';

/** The profile page's request state, its password form and the active sessions; the user lives in the auth feature. */
export interface ProfileState {
  saving: boolean;
  /** The last save succeeded and nothing was edited since. */
  saved: boolean;
  error: ApiError | null;
  signingOutEverywhere: boolean;
  signOutError: ApiError | null;
  changingPassword: boolean;
  /** The last password change succeeded and the form was not touched since. */
  passwordChanged: boolean;
  passwordError: ApiError | null;
  /** null until the first load answers. */
  sessions: SessionView[] | null;
  sessionsError: ApiError | null;
  /** Sessions whose "Sign out" is under way. */
  endingSessionIds: string[];
  /** The profile picture: an upload (with its progress, 0..1) or a removal under way, and why the last one failed. */
  avatar: { busy: boolean; progress: number | null; error: ApiError | null };
  /** "Download my data": the archive is being fetched, and why the last attempt failed. */
  exporting: boolean;
  exportError: ApiError | null;
  /** "Delete my account": under way, and why the last attempt failed (a wrong password, say). */
  erasing: boolean;
  eraseError: ApiError | null;
}

export const initialProfileState: ProfileState = {
  saving: false,
  saved: false,
  error: null,
  signingOutEverywhere: false,
  signOutError: null,
  changingPassword: false,
  passwordChanged: false,
  passwordError: null,
  sessions: null,
  sessionsError: null,
  endingSessionIds: [],
  avatar: { busy: false, progress: null, error: null },
  exporting: false,
  exportError: null,
  erasing: false,
  eraseError: null,
};

export const profileFeature = createFeature({
  name: 'profile',
  reducer: createReducer(
    initialProfileState,
    on(ProfilePageActions.opened, (): ProfileState => initialProfileState),
    on(ProfilePageActions.edited, (state): ProfileState => ({ ...state, saved: false })),
    on(ProfilePageActions.saveSubmitted, (state): ProfileState => ({
      ...state,
      saving: true,
      saved: false,
      error: null,
    })),
    on(ProfileApiActions.saveSucceeded, (state): ProfileState => ({ ...state, saving: false, saved: true })),
    on(ProfileApiActions.saveFailed, (state, { error }): ProfileState => ({ ...state, saving: false, error })),
    on(ProfilePageActions.signOutEverywhereClicked, (state): ProfileState => ({
      ...state,
      signingOutEverywhere: true,
      signOutError: null,
    })),
    on(AuthApiActions.signOutEverywhereFailed, (state, { error }): ProfileState => ({
      ...state,
      signingOutEverywhere: false,
      signOutError: error,
    })),

    on(ProfilePageActions.passwordChangeSubmitted, (state): ProfileState => ({
      ...state,
      changingPassword: true,
      passwordChanged: false,
      passwordError: null,
    })),
    on(ProfilePageActions.passwordFormEdited, (state): ProfileState => ({ ...state, passwordChanged: false })),
    on(ProfileApiActions.passwordChanged, (state): ProfileState => ({
      ...state,
      changingPassword: false,
      passwordChanged: true,
    })),
    on(ProfileApiActions.passwordChangeFailed, (state, { error }): ProfileState => ({
      ...state,
      changingPassword: false,
      passwordError: error,
    })),

    on(ProfileApiActions.sessionsLoaded, (state, { sessions }): ProfileState => ({
      ...state,
      sessions,
      sessionsError: null,
    })),
    on(ProfileApiActions.sessionsLoadFailed, (state, { error }): ProfileState => ({ ...state, sessionsError: error })),
    on(ProfilePageActions.sessionSignOutClicked, (state, { sessionId }): ProfileState => ({
      ...state,
      endingSessionIds: [...state.endingSessionIds.filter((id) => id !== sessionId), sessionId],
      sessionsError: null,
    })),
    on(ProfileApiActions.sessionSignedOut, (state, { sessionId }): ProfileState => ({
      ...state,
      sessions: state.sessions?.filter((session) => session.id !== sessionId) ?? null,
      endingSessionIds: state.endingSessionIds.filter((id) => id !== sessionId),
    })),
    on(ProfileApiActions.sessionSignOutFailed, (state, { sessionId, error }): ProfileState => ({
      ...state,
      // Already ended elsewhere: it is gone either way.
      sessions:
        error.status === 404 ? (state.sessions?.filter((session) => session.id !== sessionId) ?? null) : state.sessions,
      endingSessionIds: state.endingSessionIds.filter((id) => id !== sessionId),
      sessionsError: error.status === 404 ? null : error,
    })),
    on(ProfilePageActions.avatarUploadConfirmed, (state): ProfileState => ({
      ...state,
      avatar: { busy: true, progress: 0, error: null },
    })),
    on(ProfilePageActions.avatarRemoveClicked, (state): ProfileState => ({
      ...state,
      avatar: { busy: true, progress: null, error: null },
    })),
    on(ProfileApiActions.avatarUploadProgressed, (state, { progress }): ProfileState => ({
      ...state,
      avatar: { ...state.avatar, progress },
    })),
    on(ProfileApiActions.avatarChanged, (state): ProfileState => ({
      ...state,
      avatar: initialProfileState.avatar,
    })),
    on(ProfileApiActions.avatarChangeFailed, (state, { error }): ProfileState => ({
      ...state,
      avatar: { busy: false, progress: null, error },
    })),
    on(ProfilePageActions.exportClicked, (state): ProfileState => ({ ...state, exporting: true, exportError: null })),
    on(ProfileApiActions.exportDownloaded, (state): ProfileState => ({ ...state, exporting: false })),
    on(ProfileApiActions.exportFailed, (state, { error }): ProfileState => ({
      ...state,
      exporting: false,
      exportError: error,
    })),
    on(ProfilePageActions.eraseDialogOpened, (state): ProfileState => ({ ...state, eraseError: null })),
    on(ProfilePageActions.eraseConfirmed, (state): ProfileState => ({ ...state, erasing: true, eraseError: null })),
    on(ProfileApiActions.eraseFailed, (state, { error }): ProfileState => ({
      ...state,
      erasing: false,
      eraseError: error,
    })),
  ),
});
