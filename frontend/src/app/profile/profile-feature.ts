import { createFeature, createReducer, on } from '@ngrx/store';
import type { ApiError } from '../core/api/api-error';
import { AuthApiActions } from '../core/auth/auth-actions';
import { ProfileApiActions, ProfilePageActions } from './profile-actions';

/** The profile form's request state; the user itself lives in the auth feature. */
export interface ProfileState {
  saving: boolean;
  /** The last save succeeded and nothing was edited since. */
  saved: boolean;
  error: ApiError | null;
  signingOutEverywhere: boolean;
  signOutError: ApiError | null;
}

export const initialProfileState: ProfileState = {
  saving: false,
  saved: false,
  error: null,
  signingOutEverywhere: false,
  signOutError: null,
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
  ),
});
