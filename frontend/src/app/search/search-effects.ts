import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, EMPTY, exhaustMap, filter, map, of, switchMap, withLatestFrom } from 'rxjs';

import { toApiError } from '../core/api/api-error';
import { SearchApiActions, SearchPageActions } from './search-actions';
import { SearchApi } from './search-api';
import { searchFeature } from './search-feature';

const failed = (more: boolean) => (error: unknown) =>
  of(SearchApiActions.searchFailed({ error: toApiError(error).message, more }));

/** New words replace the search in flight (switchMap): only the latest one's results show. */
export const search$ = createEffect(
  (actions$ = inject(Actions), api = inject(SearchApi)) => {
    return actions$.pipe(
      ofType(SearchPageActions.queryChanged),
      switchMap(({ q, conversationId }) =>
        q.trim()
          ? api.search({ q, conversationId }).pipe(
              map(({ items, nextCursor }) => SearchApiActions.pageLoaded({ items, nextCursor, more: false })),
              catchError(failed(false)),
            )
          : EMPTY,
      ),
    );
  },
  { functional: true },
);

/** "Load more": one page at a time (exhaustMap); clicks while one loads are ignored. */
export const loadMore$ = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(SearchApi)) => {
    return actions$.pipe(
      ofType(SearchPageActions.moreRequested),
      withLatestFrom(store.select(searchFeature.selectSearchState)),
      filter(([, state]) => state.loadingMore && state.nextCursor !== null),
      exhaustMap(([, state]) =>
        api.search(state.request, state.nextCursor).pipe(
          map(({ items, nextCursor }) => SearchApiActions.pageLoaded({ items, nextCursor, more: true })),
          catchError(failed(true)),
        ),
      ),
    );
  },
  { functional: true },
);
