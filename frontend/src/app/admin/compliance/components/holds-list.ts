import { ChangeDetectionStrategy, Component, inject, input, LOCALE_ID, output } from '@angular/core';
import type { LegalHoldView } from '@contracts/compliance';

import { Button } from '../../../shared/ui/button';
import { Badge } from '../../components/badge';
import { formatDate } from '../../format';

/** The holds on now: whom or what each holds, why and since when, with Release. */
@Component({
  selector: 'app-holds-list',
  imports: [Badge, Button],
  template: `
    <ul
      class="divide-y divide-zinc-200 dark:divide-zinc-800"
      aria-label="Legal holds"
      i18n-aria-label="@@admin.hold.list"
    >
      @for (hold of holds(); track hold.id) {
        <li class="flex flex-col gap-3 py-4 sm:flex-row sm:items-start sm:justify-between" data-testid="hold-row">
          <div class="min-w-0 space-y-1">
            <p class="flex flex-wrap items-center gap-2">
              <span class="font-medium break-words text-zinc-900 dark:text-white">{{ hold.label }}</span>
              @if (hold.kind === 'user') {
                <app-badge tone="accent" i18n="@@admin.hold.badgeUser">Person</app-badge>
              } @else {
                <app-badge tone="accent" i18n="@@admin.hold.badgeConversation">Conversation</app-badge>
              }
            </p>
            @if (hold.reason) {
              <p class="text-sm break-words text-zinc-600 dark:text-zinc-400">{{ hold.reason }}</p>
            }
            <p class="text-xs text-zinc-500 dark:text-zinc-400" i18n="@@admin.hold.since">
              Since {{ date(hold.placedAt) }}
            </p>
          </div>
          <button
            appButton
            type="button"
            variant="secondary"
            size="sm"
            class="self-start"
            [attr.aria-disabled]="releasing().includes(hold.id) || null"
            (click)="releaseRequested.emit(hold)"
            i18n="@@admin.hold.release"
          >
            Release<span class="sr-only"> {{ hold.label }}</span>
          </button>
        </li>
      }
    </ul>
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HoldsList {
  readonly holds = input.required<LegalHoldView[]>();
  readonly releasing = input<string[]>([]);
  readonly releaseRequested = output<LegalHoldView>();
  private readonly locale = inject(LOCALE_ID);

  protected date(iso: string): string {
    return formatDate(iso, this.locale);
  }
}
