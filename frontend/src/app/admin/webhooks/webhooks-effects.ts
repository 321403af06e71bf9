import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, map, mergeMap, of, switchMap } from 'rxjs';

import { toApiError } from '../../core/api/api-error';
import { WebhooksApiActions, WebhooksPageActions } from './webhooks-actions';
import { WebhooksApi } from './webhooks-api';

// switchMap: a reload replaces one still on its way.
export const loadWebhooks$ = createEffect(
  (actions$ = inject(Actions), api = inject(WebhooksApi)) => {
    return actions$.pipe(
      ofType(WebhooksPageActions.opened),
      switchMap(() =>
        api.list().pipe(
          map((webhooks) => WebhooksApiActions.webhooksLoaded({ webhooks })),
          catchError((error: unknown) => of(WebhooksApiActions.webhooksLoadFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

// exhaustMap: a double click on "Register" must not register the endpoint twice.
export const register$ = createEffect(
  (actions$ = inject(Actions), api = inject(WebhooksApi)) => {
    return actions$.pipe(
      ofType(WebhooksPageActions.registerSubmitted),
      exhaustMap(({ webhook }) =>
        api.create(webhook).pipe(
          map((created) => WebhooksApiActions.registerSucceeded({ webhook: created })),
          catchError((error: unknown) => of(WebhooksApiActions.registerFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

// mergeMap: changes to different endpoints are independent; each endpoint's buttons wait for its own.
export const remove$ = createEffect(
  (actions$ = inject(Actions), api = inject(WebhooksApi)) => {
    return actions$.pipe(
      ofType(WebhooksPageActions.deleteConfirmed),
      mergeMap(({ id }) =>
        api.remove(id).pipe(
          map(() => WebhooksApiActions.deleteSucceeded({ id })),
          catchError((error: unknown) => of(WebhooksApiActions.changeFailed({ id, error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

export const resume$ = createEffect(
  (actions$ = inject(Actions), api = inject(WebhooksApi)) => {
    return actions$.pipe(
      ofType(WebhooksPageActions.resumeClicked),
      mergeMap(({ id }) =>
        api.resume(id).pipe(
          map((webhook) => WebhooksApiActions.resumeSucceeded({ webhook })),
          catchError((error: unknown) => of(WebhooksApiActions.changeFailed({ id, error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

// switchMap: only the log asked for last matters (another endpoint opened, or a refresh).
export const loadDeliveries$ = createEffect(
  (actions$ = inject(Actions), api = inject(WebhooksApi)) => {
    return actions$.pipe(
      ofType(WebhooksPageActions.deliveriesRequested),
      switchMap(({ id, cursor }) =>
        api.deliveries(id, cursor).pipe(
          map((page) => WebhooksApiActions.deliveriesLoaded({ id, page, append: cursor !== null })),
          catchError((error: unknown) => of(WebhooksApiActions.deliveriesLoadFailed({ id, error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);
