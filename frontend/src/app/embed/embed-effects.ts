import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import {
  catchError,
  combineLatest,
  distinctUntilChanged,
  EMPTY,
  exhaustMap,
  filter,
  from,
  map,
  type Observable,
  of,
  switchMap,
  take,
  tap,
} from 'rxjs';

import { ChatApi } from '../chat/chat-api';
import { ConversationsApiActions } from '../chat/state/chat-actions';
import { conversationsFeature } from '../chat/state/conversations-feature';
import { type ApiError, toApiError } from '../core/api/api-error';
import { AuthApiActions } from '../core/auth/auth-actions';
import { authFeature } from '../core/auth/auth-feature';
import { ssoErrorMessage } from '../core/auth/auth-providers';
import {
  DeepLinkApiActions,
  DeepLinkPageActions,
  EmbedApiActions,
  EmbedPortalActions,
  EmbedSsoActions,
} from './embed-actions';
import { EmbedApi } from './embed-api';
import { embedFeature } from './embed-feature';
import { deepLinkOf, EmbedWindow } from './embed-window';

/** The allowed portal origins, once known; nothing when the app is not framed. */
function portals(store: Store): Observable<string[]> {
  return store.select(embedFeature.selectFrameAncestors).pipe(
    filter((origins): origins is string[] => origins !== null && origins.length > 0),
    take(1),
  );
}

/** Inside a frame, which portals may frame the app (and so hear from it and command it): asked once, at start. */
export const loadSettings$ = createEffect(
  (frame = inject(EmbedWindow), api = inject(EmbedApi)) => {
    if (!frame.framed) return EMPTY;
    return api.settings().pipe(
      map(({ frameAncestors }) => EmbedApiActions.settingsLoaded({ frameAncestors })),
      catchError(() => EMPTY),
    );
  },
  { functional: true },
);

/** `chat:unread` with the total of unread messages, whenever it changes (once the chat list is loaded). */
export const postUnread$ = createEffect(
  (store = inject(Store), frame = inject(EmbedWindow)) => {
    return portals(store).pipe(
      switchMap((origins) =>
        combineLatest([
          store.select(authFeature.selectIsSignedIn),
          store.select(conversationsFeature.selectStatus),
          store.select(conversationsFeature.selectUnreadTotal),
        ]).pipe(
          filter(([signedIn, status]) => signedIn && status === 'loaded'),
          map(([, , count]) => count),
          distinctUntilChanged(),
          tap((count) => frame.postToPortal({ type: 'chat:unread', count }, origins)),
        ),
      ),
    );
  },
  { functional: true, dispatch: false },
);

/** `chat:opened` with the conversation the person opened. */
export const postOpened$ = createEffect(
  (store = inject(Store), frame = inject(EmbedWindow)) => {
    return portals(store).pipe(
      switchMap((origins) =>
        store.select(conversationsFeature.selectOpenId).pipe(
          distinctUntilChanged(),
          filter((conversationId): conversationId is string => conversationId !== null),
          tap((conversationId) => frame.postToPortal({ type: 'chat:opened', conversationId }, origins)),
        ),
      ),
    );
  },
  { functional: true, dispatch: false },
);

/** `chat:signed-out` whenever nobody is signed in in the frame: on load, after signing out, or a session's end. */
export const postSignedOut$ = createEffect(
  (store = inject(Store), frame = inject(EmbedWindow)) => {
    return portals(store).pipe(
      switchMap((origins) =>
        store.select(authFeature.selectStatus).pipe(
          distinctUntilChanged(),
          filter((status) => status === 'signedOut'),
          tap(() => frame.postToPortal({ type: 'chat:signed-out' }, origins)),
        ),
      ),
    );
  },
  { functional: true, dispatch: false },
);

/** The portal page's `open()`: commands from the parent page on an allowed origin, all others ignored. */
export const portalCommands$ = createEffect(
  (store = inject(Store), frame = inject(EmbedWindow)) => {
    return portals(store).pipe(
      switchMap((origins) => frame.portalCommands(origins)),
      map((person) => EmbedPortalActions.openRequested({ person })),
    );
  },
  { functional: true },
);

export const navigateToPerson$ = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) => {
    return actions$.pipe(
      ofType(EmbedPortalActions.openRequested),
      tap(({ person }) => router.navigate(deepLinkOf(person))),
    );
  },
  { functional: true, dispatch: false },
);

/** /u/…: get or create the conversation with that person; the chat effects then show it. */
export const openDeepLink$ = createEffect(
  (actions$ = inject(Actions), api = inject(ChatApi)) => {
    return actions$.pipe(
      ofType(DeepLinkPageActions.opened),
      switchMap(({ person }) =>
        api.openWith(person).pipe(
          map((conversation) => ConversationsApiActions.openSucceeded({ conversation })),
          catchError((error: unknown) => of(DeepLinkApiActions.failed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

/**
 * Right after signing in inside a frame, ask whether the browser sends the session cookie back. If it does not
 * (third-party cookies blocked and no CHIPS), the session would end with the page and pictures would not load:
 * the app offers to open in a tab of its own instead.
 */
export const checkCookies$ = createEffect(
  (actions$ = inject(Actions), frame = inject(EmbedWindow), api = inject(EmbedApi)) => {
    return actions$.pipe(
      ofType(AuthApiActions.loginSucceeded, AuthApiActions.signupSucceeded, AuthApiActions.invitationAccepted),
      filter(() => frame.framed),
      exhaustMap(() =>
        api.cookieCheck().pipe(
          filter(({ refreshCookie }) => !refreshCookie),
          map(() => EmbedApiActions.cookiesWithheld()),
          catchError(() => EMPTY),
        ),
      ),
    );
  },
  { functional: true },
);

const POPUP_BLOCKED: ApiError = {
  status: 0,
  code: 'popup_blocked',
  message: $localize`:@@embed.popupBlocked:Your browser blocked the sign-in window. Allow pop-ups for this page and try again.`,
  fieldErrors: {},
};

/**
 * Single sign-on inside a frame: the IdP's cookies and our sign-in cookie are not sent in a cross-site frame, so
 * the sign-in runs in a popup (first-party there; it closes by itself when the IdP session exists) and hands back a
 * one-time code, which this frame redeems for a session of its own. The popup opens at once, in the click's
 * activation; its address follows when the challenge is ready. switchMap: a second click starts over.
 */
export const ssoPopup$ = createEffect(
  (actions$ = inject(Actions), frame = inject(EmbedWindow), api = inject(EmbedApi), router = inject(Router)) => {
    return actions$.pipe(
      ofType(EmbedSsoActions.popupRequested),
      switchMap(() => {
        const popup = frame.openPopup('about:blank');
        if (!popup) return of(AuthApiActions.loginFailed({ error: POPUP_BLOCKED }));
        return from(frame.newVerifier()).pipe(
          switchMap(({ verifier, challenge }) => {
            const returnTo = router.url;
            popup.location.href = `/api/auth/oidc/login?${new URLSearchParams({ popup: challenge, returnTo })}`;
            return frame.popupResults(popup).pipe(
              take(1),
              switchMap((result) =>
                result.type === 'chat:sso-error'
                  ? of(AuthApiActions.loginFailed({ error: ssoFailure(result.error) }))
                  : api.redeemSsoCode(result.code, verifier).pipe(
                      map((response) => AuthApiActions.loginSucceeded({ response })),
                      catchError((error: unknown) => of(AuthApiActions.loginFailed({ error: toApiError(error) }))),
                    ),
              ),
            );
          }),
        );
      }),
    );
  },
  { functional: true },
);

function ssoFailure(code: string): ApiError {
  return { status: 0, code, message: ssoErrorMessage(code) ?? '', fieldErrors: {} };
}
