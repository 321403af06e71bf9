import { ChangeDetectionStrategy, Component, inject, input, LOCALE_ID, output } from '@angular/core';
import type { ServiceTokenView } from '@contracts/service-tokens';

import { Button } from '../../../shared/ui/button';
import { Badge } from '../../components/badge';
import { formatDate, timeAgo } from '../../format';

/** The tokens not revoked: what each may do, for which account, when it was made, last used and expires. */
@Component({
  selector: 'app-tokens-list',
  imports: [Badge, Button],
  template: `
    <ul
      class="divide-y divide-zinc-200 dark:divide-zinc-800"
      aria-label="Service tokens"
      i18n-aria-label="@@route.adminTokens"
    >
      @for (token of tokens(); track token.id) {
        <li class="flex flex-col gap-3 py-4 sm:flex-row sm:items-start sm:justify-between" data-testid="token-row">
          <div class="min-w-0 space-y-1.5">
            <p class="flex flex-wrap items-center gap-2">
              <span class="font-medium break-words text-zinc-900 dark:text-white">{{ token.name }}</span>
              @if (expired(token)) {
                <app-badge tone="bad" i18n="@@admin.tokens.expired">Expired</app-badge>
              }
            </p>
            <p class="text-sm break-words text-zinc-600 dark:text-zinc-400" i18n="@@admin.tokens.sendsAs">
              Sends as
              <span class="font-medium text-zinc-800 dark:text-zinc-200">{{ token.account.displayName }}</span> (&#64;{{
                token.account.username
              }}) · <code class="font-mono text-xs">{{ token.prefix }}…</code>
            </p>
            <p class="flex flex-wrap gap-1" aria-label="Scopes" i18n-aria-label="@@admin.tokens.list.scopes">
              @for (scope of token.scopes; track scope) {
                <app-badge tone="accent">{{ scope }}</app-badge>
              }
            </p>
            <dl
              class="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-zinc-500 sm:flex sm:flex-wrap sm:gap-x-4 dark:text-zinc-400"
            >
              <div class="contents sm:flex sm:gap-1">
                <dt i18n="@@admin.tokens.created">Created</dt>
                <dd class="text-zinc-700 dark:text-zinc-300">{{ ago(token.createdAt) }}</dd>
              </div>
              <div class="contents sm:flex sm:gap-1">
                <dt i18n="@@admin.tokens.lastUsed">Last used</dt>
                <dd class="text-zinc-700 dark:text-zinc-300">
                  {{ token.lastUsedAt ? ago(token.lastUsedAt) : never }}
                </dd>
              </div>
              <div class="contents sm:flex sm:gap-1">
                <dt i18n="@@admin.tokens.expires">Expires</dt>
                <dd class="text-zinc-700 dark:text-zinc-300">
                  {{ token.expiresAt ? date(token.expiresAt) : never }}
                </dd>
              </div>
            </dl>
          </div>
          <button
            appButton
            type="button"
            variant="danger"
            size="sm"
            class="self-start"
            [attr.aria-disabled]="revoking().includes(token.id) || null"
            (click)="revokeRequested.emit(token)"
            i18n="@@admin.tokens.revoke"
          >
            Revoke<span class="sr-only"> {{ token.name }}</span>
          </button>
        </li>
      }
    </ul>
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TokensList {
  readonly tokens = input.required<ServiceTokenView[]>();
  readonly revoking = input<string[]>([]);
  readonly now = input(Date.now());
  private readonly locale = inject(LOCALE_ID);
  readonly revokeRequested = output<ServiceTokenView>();
  protected readonly never = $localize`:@@admin.tokens.never:never`;

  protected ago(iso: string): string {
    return timeAgo(iso, this.now(), this.locale);
  }

  protected date(iso: string): string {
    return formatDate(iso, this.locale);
  }

  protected expired(token: ServiceTokenView): boolean {
    return token.expiresAt !== null && Date.parse(token.expiresAt) <= this.now();
  }
}
