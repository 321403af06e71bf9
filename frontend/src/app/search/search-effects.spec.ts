import { HttpErrorResponse } from '@angular/common/http';
import type { Actions } from '@ngrx/effects';
import type { Action, Store } from '@ngrx/store';
import { type Observable, of, Subject, throwError } from 'rxjs';

import { buildErrorBody } from '../testing/builders';
import { SearchApiActions, SearchPageActions } from './search-actions';
import type { SearchApi } from './search-api';
import * as effects from './search-effects';
import { initialSearchState, type SearchState } from './search-feature';
import { buildSearchResult } from './testing';

function collect(effect$: Observable<unknown>): unknown[] {
  const out: unknown[] = [];
  effect$.subscribe((value) => out.push(value));
  return out;
}

describe('search effects', () => {
  const result = buildSearchResult('apple pie');

  it('asks for the words in the scope and hands over the first page', () => {
    const api = { search: jest.fn(() => of({ items: [result], nextCursor: 'c1' })) } as unknown as SearchApi;
    const out = collect(
      effects.search$(of(SearchPageActions.queryChanged({ q: 'app', conversationId: 'c' })) as Actions, api),
    );
    expect(api.search).toHaveBeenCalledWith({ q: 'app', conversationId: 'c' });
    expect(out).toEqual([SearchApiActions.pageLoaded({ items: [result], nextCursor: 'c1', more: false })]);
  });

  it('drops a search in flight when the words change, and asks nothing for blank words', () => {
    const actions = new Subject<Action>();
    const slow = new Subject<never>();
    const api = {
      search: jest.fn(({ q }: { q: string }) => (q === 'ap' ? slow : of({ items: [result], nextCursor: null }))),
    } as unknown as SearchApi;
    const out = collect(effects.search$(actions as unknown as Actions, api));
    actions.next(SearchPageActions.queryChanged({ q: 'ap', conversationId: null }));
    actions.next(SearchPageActions.queryChanged({ q: 'app', conversationId: null }));
    actions.next(SearchPageActions.queryChanged({ q: ' ', conversationId: null }));
    expect(slow.observed).toBe(false);
    expect(api.search).toHaveBeenCalledTimes(2);
    expect(out).toEqual([SearchApiActions.pageLoaded({ items: [result], nextCursor: null, more: false })]);
  });

  it('says why a search failed, in the person’s words', () => {
    const api = {
      search: jest.fn(() =>
        throwError(
          () =>
            new HttpErrorResponse({ status: 429, error: buildErrorBody(429, { code: 'rate_limited', message: 'x' }) }),
        ),
      ),
    } as unknown as SearchApi;
    const out = collect(
      effects.search$(of(SearchPageActions.queryChanged({ q: 'a', conversationId: null })) as Actions, api),
    );
    expect(out).toEqual([
      SearchApiActions.searchFailed({ error: 'You are sending too fast. Wait a moment and try again.', more: false }),
    ]);
  });

  it('loads the next page with the cursor of the current search', () => {
    const state: SearchState = {
      ...initialSearchState,
      request: { q: 'app', conversationId: null },
      status: 'loaded',
      nextCursor: 'c1',
      loadingMore: true,
    };
    const store = { select: () => of(state) } as unknown as Store;
    const api = { search: jest.fn(() => of({ items: [result], nextCursor: null })) } as unknown as SearchApi;
    const out = collect(effects.loadMore$(of(SearchPageActions.moreRequested()) as Actions, store, api));
    expect(api.search).toHaveBeenCalledWith({ q: 'app', conversationId: null }, 'c1');
    expect(out).toEqual([SearchApiActions.pageLoaded({ items: [result], nextCursor: null, more: true })]);
    const idle = { select: () => of({ ...state, loadingMore: false }) } as unknown as Store;
    expect(collect(effects.loadMore$(of(SearchPageActions.moreRequested()) as Actions, idle, api))).toEqual([]);
  });
});
