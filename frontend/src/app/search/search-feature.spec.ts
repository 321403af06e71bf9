import { SearchApiActions, SearchPageActions } from './search-actions';
import { initialSearchState, searchFeature } from './search-feature';
import { buildSearchResult } from './testing';

const reduce = searchFeature.reducer;

describe('search state', () => {
  const first = buildSearchResult('apple pie');
  const second = buildSearchResult('apple tart');

  it('starts a search for new words and forgets the old results', () => {
    const loaded = reduce(
      reduce(initialSearchState, SearchPageActions.queryChanged({ q: 'app', conversationId: null })),
      SearchApiActions.pageLoaded({ items: [first], nextCursor: 'c1', more: false }),
    );
    const again = reduce(loaded, SearchPageActions.queryChanged({ q: 'tar', conversationId: 'c' }));
    expect(again).toMatchObject({ request: { q: 'tar', conversationId: 'c' }, status: 'loading', items: [] });
  });

  it('blank words ask nothing', () => {
    expect(reduce(initialSearchState, SearchPageActions.queryChanged({ q: '  ', conversationId: null })).status).toBe(
      'idle',
    );
  });

  it('appends the next page, once at a time', () => {
    let state = reduce(initialSearchState, SearchPageActions.queryChanged({ q: 'app', conversationId: null }));
    state = reduce(state, SearchApiActions.pageLoaded({ items: [first], nextCursor: 'c1', more: false }));
    state = reduce(state, SearchPageActions.moreRequested());
    expect(state.loadingMore).toBe(true);
    state = reduce(state, SearchApiActions.pageLoaded({ items: [second], nextCursor: null, more: true }));
    expect(state).toMatchObject({ items: [first, second], nextCursor: null, loadingMore: false, status: 'loaded' });
    expect(reduce(state, SearchPageActions.moreRequested())).toBe(state);
  });

  it('a failed next page keeps the results', () => {
    let state = reduce(initialSearchState, SearchPageActions.queryChanged({ q: 'app', conversationId: null }));
    state = reduce(state, SearchApiActions.pageLoaded({ items: [first], nextCursor: 'c1', more: false }));
    state = reduce(
      reduce(state, SearchPageActions.moreRequested()),
      SearchApiActions.searchFailed({ error: 'x', more: true }),
    );
    expect(state).toMatchObject({ items: [first], status: 'loaded', loadingMore: false, error: 'x' });
  });
});
