import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import type { ServiceTokenView } from '@contracts/service-tokens';
import { Store } from '@ngrx/store';

import { Button } from '../../shared/ui/button';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog';
import { FormAlert } from '../../shared/ui/form-alert';
import { AdminNav } from '../components/admin-nav';
import { TokenForm } from './components/token-form';
import { TokenSecret } from './components/token-secret';
import { TokensList } from './components/tokens-list';
import { TokensPageActions } from './tokens-actions';
import type { NewServiceToken } from './tokens-api';
import { tokensFeature } from './tokens-feature';

/** "Last used 2 min ago" labels move on by themselves. */
const CLOCK_TICK_MS = 30_000;

/** /admin/tokens: create service tokens (the secret shown once), see them, revoke them. */
@Component({
  selector: 'app-tokens-page',
  imports: [AdminNav, Button, ConfirmDialog, FormAlert, TokenForm, TokenSecret, TokensList],
  templateUrl: './tokens-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TokensPage {
  private readonly store = inject(Store);
  protected readonly tokens = this.store.selectSignal(tokensFeature.selectTokens);
  protected readonly list = this.store.selectSignal(tokensFeature.selectList);
  protected readonly create = this.store.selectSignal(tokensFeature.selectCreate);
  protected readonly created = this.store.selectSignal(tokensFeature.selectCreated);
  protected readonly revoking = this.store.selectSignal(tokensFeature.selectRevoking);
  private readonly revoked = this.store.selectSignal(tokensFeature.selectRevoked);
  protected readonly now = signal(Date.now());

  /** The token waiting for the admin to confirm its revocation. */
  protected readonly pendingRevoke = signal<ServiceTokenView | null>(null);
  protected readonly revokeSucceeded = computed(() => {
    const last = this.revoked();
    return last && !last.error
      ? $localize`:@@admin.tokens.revoked:Revoked “${last.token.name}:name:”. Requests with it are refused from now on.`
      : null;
  });
  protected readonly revokeFailed = computed(() => {
    const last = this.revoked();
    return last?.error
      ? $localize`:@@admin.tokens.revokeFailed:Could not revoke “${last.token.name}:name:”: ${last.error.message}:reason:`
      : null;
  });
  protected readonly status = computed(() => {
    const { loading, error, nextCursor } = this.list();
    const count = this.tokens().length;
    if (loading && !count) return $localize`:@@admin.tokens.loading:Loading tokens…`;
    if (error) return '';
    if (!count) return $localize`:@@admin.tokens.none:No service tokens yet.`;
    if (nextCursor) return $localize`:@@admin.tokens.countSoFar:${count}:count: tokens so far.`;
    return count === 1
      ? $localize`:@@admin.tokens.one:1 token.`
      : $localize`:@@admin.tokens.count:${count}:count: tokens.`;
  });
  protected readonly revokeHeading = computed(
    () => $localize`:@@admin.tokens.revokeHeading:Revoke “${this.pendingRevoke()?.name ?? ''}:name:”?`,
  );

  constructor() {
    this.store.dispatch(TokensPageActions.opened());
    const tick = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(tick);
      // The secret must not outlive the page.
      this.store.dispatch(TokensPageActions.secretDismissed());
    });
  }

  protected submit(token: NewServiceToken): void {
    this.store.dispatch(TokensPageActions.createSubmitted({ token }));
  }

  protected dismissSecret(): void {
    this.store.dispatch(TokensPageActions.secretDismissed());
  }

  protected more(): void {
    const { nextCursor, loading } = this.list();
    if (nextCursor && !loading) this.store.dispatch(TokensPageActions.moreRequested({ cursor: nextCursor }));
  }

  protected confirmRevoke(): void {
    const token = this.pendingRevoke();
    this.pendingRevoke.set(null);
    if (token) this.store.dispatch(TokensPageActions.revokeConfirmed({ token }));
  }
}
