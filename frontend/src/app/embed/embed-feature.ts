import { createFeature, createReducer, on } from '@ngrx/store';

import type { ApiError } from '../core/api/api-error';
import { DeepLinkApiActions, DeepLinkPageActions, EmbedApiActions } from './embed-actions';

export interface EmbedState {
  /** The portal origins that may frame the app (FRAME_ANCESTORS); null until known, or when not framed. */
  frameAncestors: string[] | null;
  /** The browser withholds the session cookie inside this frame: the app offers to open in a new tab instead. */
  cookiesWithheld: boolean;
  /** Why the last deep link (/u/…) could not open a chat. */
  deepLinkError: ApiError | null;
}

const initialState: EmbedState = { frameAncestors: null, cookiesWithheld: false, deepLinkError: null };

export const embedFeature = createFeature({
  name: 'embed',
  reducer: createReducer(
    initialState,
    on(EmbedApiActions.settingsLoaded, (state, { frameAncestors }): EmbedState => ({ ...state, frameAncestors })),
    on(EmbedApiActions.cookiesWithheld, (state): EmbedState => ({ ...state, cookiesWithheld: true })),
    on(DeepLinkPageActions.opened, (state): EmbedState => ({ ...state, deepLinkError: null })),
    on(DeepLinkApiActions.failed, (state, { error }): EmbedState => ({ ...state, deepLinkError: error })),
  ),
});
