import type { SearchResult } from '@contracts/search';
import { createFeature, createReducer, on } from '@ngrx/store';

import { SearchApiActions, SearchPageActions } from './search-actions';
import type { SearchRequest } from './search-api';

export interface SearchState {
  request: SearchRequest;
  /** `idle`: nothing asked yet (blank words). */
  status: 'idle' | 'loading' | 'loaded' | 'error';
  items: SearchResult[];
  nextCursor: string | null;
  loadingMore: boolean;
  error: string | null;
}

export const initialSearchState: SearchState = {
  request: { q: '', conversationId: null },
  status: 'idle',
  items: [],
  nextCursor: null,
  loadingMore: false,
  error: null,
};

export const searchFeature = createFeature({
  name: 'search',
  reducer: createReducer(
    initialSearchState,
    on(SearchPageActions.queryChanged, (_state, request): SearchState => ({
      ...initialSearchState,
      request: { q: request.q, conversationId: request.conversationId },
      status: request.q.trim() ? 'loading' : 'idle',
    })),
    on(SearchPageActions.moreRequested, (state): SearchState =>
      state.nextCursor && !state.loadingMore ? { ...state, loadingMore: true } : state,
    ),
    on(SearchApiActions.pageLoaded, (state, { items, nextCursor, more }): SearchState => ({
      ...state,
      status: 'loaded',
      items: more ? [...state.items, ...items] : items,
      nextCursor,
      loadingMore: false,
      error: null,
    })),
    on(SearchApiActions.searchFailed, (state, { error, more }): SearchState =>
      more ? { ...state, loadingMore: false, error } : { ...state, status: 'error', error },
    ),
  ),
});
