import type { PersonRef } from '@contracts/embed';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

import type { ApiError } from '../core/api/api-error';

export const EmbedApiActions = createActionGroup({
  source: 'Embed/API',
  events: {
    'Settings Loaded': props<{ frameAncestors: string[] }>(),
    /** Signed in inside a frame, but the browser does not send the session cookie back (third-party cookies). */
    'Cookies Withheld': emptyProps(),
  },
});

export const EmbedPortalActions = createActionGroup({
  source: 'Embed/Portal',
  events: {
    /** The portal page asked to open the chat with someone (`<portal-chat>`'s open()). */
    'Open Requested': props<{ person: PersonRef }>(),
  },
});

/** "Sign in with …" inside a frame: single sign-on runs in a popup. */
export const EmbedSsoActions = createActionGroup({
  source: 'Embed/SSO',
  events: {
    'Popup Requested': emptyProps(),
  },
});

export const DeepLinkPageActions = createActionGroup({
  source: 'Deep Link Page',
  events: {
    Opened: props<{ person: PersonRef }>(),
  },
});

export const DeepLinkApiActions = createActionGroup({
  source: 'Deep Link/API',
  events: {
    Failed: props<{ error: ApiError }>(),
  },
});
