import type { SearchResult } from '@contracts/search';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

import type { SearchRequest } from './search-api';

export const SearchPageActions = createActionGroup({
  source: 'Search Page',
  events: {
    /** The words or the scope changed (typing is debounced by the page); blank words clear the results. */
    'Query Changed': props<SearchRequest>(),
    'More Requested': emptyProps(),
  },
});

export const SearchApiActions = createActionGroup({
  source: 'Search/API',
  events: {
    'Page Loaded': props<{ items: SearchResult[]; nextCursor: string | null; more: boolean }>(),
    'Search Failed': props<{ error: string; more: boolean }>(),
  },
});
