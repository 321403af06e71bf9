import { HttpErrorResponse, HttpEventType } from '@angular/common/http';
import type { CurrentUserView } from '@contracts/users';
import type { Actions } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { of, Subject } from 'rxjs';

import type { MediaApi, UploadEvent } from '../core/api/media-api';
import { toUploadEvent } from '../core/api/media-api';
import { ProfileApiActions, ProfilePageActions } from './profile-actions';
import { changeAvatar$ } from './profile-effects';
import { initialProfileState, profileFeature } from './profile-feature';

const user = { id: 'u1', displayName: 'Ada', avatarUrl: '/api/media/m1/thumb' } as CurrentUserView;
const file = new File([new Uint8Array(4)], 'me.png', { type: 'image/png' });

describe('profile picture', () => {
  it('reducer: busy with progress while uploading, cleared when changed, the error kept when it fails', () => {
    const { reducer } = profileFeature;
    let state = reducer(initialProfileState, ProfilePageActions.avatarUploadConfirmed({ file }));
    expect(state.avatar).toEqual({ busy: true, progress: 0, error: null });
    state = reducer(state, ProfileApiActions.avatarUploadProgressed({ progress: 0.5 }));
    expect(state.avatar.progress).toBe(0.5);
    expect(reducer(state, ProfileApiActions.avatarChanged({ user })).avatar).toEqual(initialProfileState.avatar);
    const error = { status: 415, code: 'unsupported_media_type', message: 'Not a picture', fieldErrors: {} };
    expect(reducer(state, ProfileApiActions.avatarChangeFailed({ error })).avatar).toEqual({
      busy: false,
      progress: null,
      error,
    });
    expect(reducer(initialProfileState, ProfilePageActions.avatarRemoveClicked()).avatar).toEqual({
      busy: true,
      progress: null,
      error: null,
    });
  });

  it('effect: uploads with progress, then the new account; a removal answers with the account', () => {
    const upload$ = new Subject<UploadEvent<CurrentUserView>>();
    const api = { setAvatar: jest.fn(() => upload$), removeAvatar: jest.fn(() => of({ ...user, avatarUrl: null })) };
    const actions$ = new Subject<Action>();
    const out: Action[] = [];
    changeAvatar$(actions$ as Actions, api as unknown as MediaApi).subscribe((action) => out.push(action));

    actions$.next(ProfilePageActions.avatarUploadConfirmed({ file }));
    expect(api.setAvatar).toHaveBeenCalledWith(file);
    upload$.next({ kind: 'progress', progress: 0.25 });
    upload$.next({ kind: 'done', body: user });
    upload$.complete();
    actions$.next(ProfilePageActions.avatarRemoveClicked());
    expect(out).toEqual([
      ProfileApiActions.avatarUploadProgressed({ progress: 0.25 }),
      ProfileApiActions.avatarChanged({ user }),
      ProfileApiActions.avatarChanged({ user: { ...user, avatarUrl: null } }),
    ]);
  });

  it('effect: a refused picture reports why, worded from its code', () => {
    const upload$ = new Subject<UploadEvent<CurrentUserView>>();
    const api = { setAvatar: jest.fn(() => upload$) };
    const actions$ = new Subject<Action>();
    const out: Action[] = [];
    changeAvatar$(actions$ as Actions, api as unknown as MediaApi).subscribe((action) => out.push(action));
    actions$.next(ProfilePageActions.avatarUploadConfirmed({ file }));
    const body = { statusCode: 415, code: 'unsupported_media_type', message: 'Only JPEG, PNG, WebP or GIF' };
    upload$.error(new HttpErrorResponse({ status: 415, error: body }));
    expect(out).toEqual([
      ProfileApiActions.avatarChangeFailed({
        error: {
          status: 415,
          code: 'unsupported_media_type',
          message:
            'This kind of file is not accepted. Files are judged by their content, not their name; chats take pictures, videos, PDF, Office and text documents, ZIP archives and audio.',
          fieldErrors: {},
        },
      }),
    ]);
  });

  it('reads upload progress from HTTP events and ignores the rest', () => {
    expect(toUploadEvent({ type: HttpEventType.UploadProgress, loaded: 50, total: 200 })).toEqual({
      kind: 'progress',
      progress: 0.25,
    });
    expect(toUploadEvent({ type: HttpEventType.UploadProgress, loaded: 50 })).toEqual({
      kind: 'progress',
      progress: 0,
    });
    expect(toUploadEvent({ type: HttpEventType.Sent })).toBeNull();
  });
});
