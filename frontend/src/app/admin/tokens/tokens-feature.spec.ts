import type { CreatedServiceToken } from '@contracts/service-tokens';

import { TokensApiActions, TokensPageActions } from './tokens-actions';
import { initialTokensState, tokensFeature } from './tokens-feature';

const created: CreatedServiceToken = {
  id: 't-1',
  name: 'Expenses',
  scopes: ['messages:send'],
  account: { id: 'u-bot', username: 'expenses', displayName: 'Expenses', avatarUrl: null, bio: '', service: true },
  prefix: 'chatsvc_Abcd',
  expiresAt: null,
  createdAt: '2026-03-01T10:00:00Z',
  lastUsedAt: null,
  token: 'chatsvc_AbcdSECRET',
};
const reduce = tokensFeature.reducer;

describe('tokensFeature', () => {
  it('keeps the secret of a new token only until it is dismissed, never in the list', () => {
    const state = reduce(initialTokensState, TokensApiActions.createSucceeded({ created }));
    expect(state.created?.token).toBe('chatsvc_AbcdSECRET');
    const listed = tokensFeature.selectTokens.projector(state.list);
    expect(listed.map((token) => token.id)).toEqual(['t-1']);
    expect(JSON.stringify(listed)).not.toContain('SECRET');
    expect(reduce(state, TokensPageActions.secretDismissed()).created).toBeNull();
  });

  it('drops a revoked token from the list, and its secret with it', () => {
    const withToken = reduce(initialTokensState, TokensApiActions.createSucceeded({ created }));
    const { token: _secret, ...view } = created;
    const revoking = reduce(withToken, TokensPageActions.revokeConfirmed({ token: view }));
    expect(revoking.revoking).toEqual(['t-1']);
    const revoked = reduce(revoking, TokensApiActions.revokeSucceeded({ token: view }));
    expect(revoked.list.ids).toEqual([]);
    expect(revoked.revoking).toEqual([]);
    expect(revoked.created).toBeNull();
    expect(revoked.revoked).toEqual({ token: view, error: null });
  });
});
