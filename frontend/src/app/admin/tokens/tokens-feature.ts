import type { CreatedServiceToken, ServiceTokenView } from '@contracts/service-tokens';
import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';

import type { ApiError } from '../../core/api/api-error';
import { TokensApiActions, TokensPageActions } from './tokens-actions';

export interface TokensState {
  list: EntityState<ServiceTokenView> & { nextCursor: string | null; loading: boolean; error: ApiError | null };
  create: { pending: boolean; error: ApiError | null };
  /** The token just created, with its secret, until the admin dismisses it. Never stored anywhere else. */
  created: CreatedServiceToken | null;
  /** Tokens being revoked: their buttons wait meanwhile. */
  revoking: string[];
  /** The last revocation: what happened to which token. */
  revoked: { token: ServiceTokenView; error: ApiError | null } | null;
}

const adapter = createEntityAdapter<ServiceTokenView>();
const { selectAll } = adapter.getSelectors();

export const initialTokensState: TokensState = {
  list: adapter.getInitialState({ nextCursor: null, loading: true, error: null }),
  create: { pending: false, error: null },
  created: null,
  revoking: [],
  revoked: null,
};

/** The public view of a just-created token (the list never holds the secret). */
function withoutSecret({ token: _secret, ...view }: CreatedServiceToken): ServiceTokenView {
  return view;
}

export const tokensFeature = createFeature({
  name: 'serviceTokens',
  reducer: createReducer(
    initialTokensState,
    on(TokensPageActions.opened, (): TokensState => initialTokensState),
    on(TokensPageActions.moreRequested, (state): TokensState => ({
      ...state,
      list: { ...state.list, loading: true, error: null },
    })),
    on(TokensApiActions.tokensLoaded, (state, { page, append }): TokensState => {
      const items = append ? [...selectAll(state.list), ...page.items] : page.items;
      return {
        ...state,
        list: { ...adapter.setAll(items, state.list), nextCursor: page.nextCursor, loading: false, error: null },
      };
    }),
    on(TokensApiActions.tokensLoadFailed, (state, { error }): TokensState => ({
      ...state,
      list: { ...state.list, loading: false, error },
    })),
    on(TokensPageActions.createSubmitted, (state): TokensState => ({
      ...state,
      create: { pending: true, error: null },
      created: null,
    })),
    on(TokensApiActions.createSucceeded, (state, { created }): TokensState => {
      const others = selectAll(state.list).filter((token) => token.id !== created.id);
      return {
        ...state,
        list: adapter.setAll([withoutSecret(created), ...others], state.list),
        create: { pending: false, error: null },
        created,
      };
    }),
    on(TokensApiActions.createFailed, (state, { error }): TokensState => ({
      ...state,
      create: { pending: false, error },
    })),
    on(TokensPageActions.secretDismissed, (state): TokensState => ({ ...state, created: null })),
    on(TokensPageActions.revokeConfirmed, (state, { token }): TokensState => ({
      ...state,
      revoking: [...state.revoking, token.id],
      revoked: null,
    })),
    on(TokensApiActions.revokeSucceeded, (state, { token }): TokensState => ({
      ...state,
      list: adapter.removeOne(token.id, state.list),
      revoking: state.revoking.filter((id) => id !== token.id),
      revoked: { token, error: null },
      created: state.created?.id === token.id ? null : state.created,
    })),
    on(TokensApiActions.revokeFailed, (state, { token, error }): TokensState => ({
      ...state,
      revoking: state.revoking.filter((id) => id !== token.id),
      revoked: { token, error },
    })),
  ),
  extraSelectors: ({ selectList }) => ({
    selectTokens: createSelector(selectList, selectAll),
  }),
});
