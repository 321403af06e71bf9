import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, map, mergeMap, of, switchMap } from 'rxjs';

import { toApiError } from '../../core/api/api-error';
import { TokensApiActions, TokensPageActions } from './tokens-actions';
import { TokensApi } from './tokens-api';

// switchMap: opening the page again makes an older first page irrelevant.
export const loadTokens$ = createEffect(
  (actions$ = inject(Actions), api = inject(TokensApi)) => {
    return actions$.pipe(
      ofType(TokensPageActions.opened),
      switchMap(() =>
        api.list().pipe(
          map((page) => TokensApiActions.tokensLoaded({ page, append: false })),
          catchError((error: unknown) => of(TokensApiActions.tokensLoadFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

// exhaustMap: "Load more" pressed twice would fetch the same page twice.
export const loadMoreTokens$ = createEffect(
  (actions$ = inject(Actions), api = inject(TokensApi)) => {
    return actions$.pipe(
      ofType(TokensPageActions.moreRequested),
      exhaustMap(({ cursor }) =>
        api.list(cursor).pipe(
          map((page) => TokensApiActions.tokensLoaded({ page, append: true })),
          catchError((error: unknown) => of(TokensApiActions.tokensLoadFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

// exhaustMap: a double submit must not make two tokens.
export const createToken$ = createEffect(
  (actions$ = inject(Actions), api = inject(TokensApi)) => {
    return actions$.pipe(
      ofType(TokensPageActions.createSubmitted),
      exhaustMap(({ token }) =>
        api.create(token).pipe(
          map((created) => TokensApiActions.createSucceeded({ created })),
          catchError((error: unknown) => of(TokensApiActions.createFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

// mergeMap: revocations of different tokens are independent.
export const revokeToken$ = createEffect(
  (actions$ = inject(Actions), api = inject(TokensApi)) => {
    return actions$.pipe(
      ofType(TokensPageActions.revokeConfirmed),
      mergeMap(({ token }) =>
        api.revoke(token.id).pipe(
          map(() => TokensApiActions.revokeSucceeded({ token })),
          catchError((error: unknown) => of(TokensApiActions.revokeFailed({ token, error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);
