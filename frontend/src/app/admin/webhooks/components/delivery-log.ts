import { ChangeDetectionStrategy, Component, inject, input, LOCALE_ID, output } from '@angular/core';
import type { WebhookDeliveryView } from '@contracts/webhooks';

import { Button } from '../../../shared/ui/button';
import { Badge } from '../../components/badge';
import { timeAgo } from '../../format';

const TONES = { delivered: 'good', pending: 'accent', failed: 'bad' } as const;

/** One endpoint's deliveries, newest first: what was sent, how it went, when it is tried again. */
@Component({
  selector: 'app-delivery-log',
  imports: [Badge, Button],
  template: `
    @if (deliveries().length === 0 && !loading()) {
      <p class="py-3 text-sm text-zinc-600 dark:text-zinc-400" i18n="@@admin.deliveries.none">No deliveries yet.</p>
    } @else {
      <ul
        class="divide-y divide-zinc-100 dark:divide-zinc-800"
        aria-label="Deliveries, newest first"
        i18n-aria-label="@@admin.deliveries.list"
      >
        @for (delivery of deliveries(); track delivery.id) {
          <li class="flex flex-col gap-1 py-2.5 text-sm" data-testid="delivery">
            <div class="flex flex-wrap items-center gap-2">
              <app-badge [tone]="tones[delivery.status]">{{ labels[delivery.status] }}</app-badge>
              <span class="font-mono text-[13px] text-zinc-800 dark:text-zinc-200">{{ delivery.type }}</span>
              <span class="text-zinc-500 dark:text-zinc-400">
                ·
                <ng-container i18n="@@admin.deliveries.attempts">{delivery.attempts, plural,
                  =1 {1 attempt}
                  other {{{ delivery.attempts }} attempts}
                }</ng-container>
                ·
                <time [attr.datetime]="delivery.createdAt">{{ ago(delivery.createdAt) }}</time>
              </span>
            </div>
            @if (delivery.lastError) {
              <p class="break-words text-zinc-600 dark:text-zinc-400" i18n="@@admin.deliveries.lastError">
                Last error: {{ delivery.lastError }}
              </p>
            } @else if (delivery.lastStatusCode) {
              <p class="text-zinc-600 dark:text-zinc-400" i18n="@@admin.deliveries.answered">
                Answered HTTP {{ delivery.lastStatusCode }}
              </p>
            }
            @if (delivery.nextAttemptAt && delivery.attempts > 0) {
              <p class="text-zinc-600 dark:text-zinc-400" i18n="@@admin.deliveries.nextTry">
                Next try <time [attr.datetime]="delivery.nextAttemptAt">{{ when(delivery.nextAttemptAt) }}</time>
              </p>
            }
            <p class="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400" [title]="delivery.eventId">
              {{ delivery.eventId }}
            </p>
          </li>
        }
      </ul>
    }
    @if (error()) {
      <p class="py-2 text-sm text-red-600 dark:text-red-400" role="alert">{{ error() }}</p>
    }
    @if (hasMore()) {
      <button
        appButton
        type="button"
        variant="secondary"
        size="sm"
        [pending]="loading()"
        (click)="more.emit()"
        i18n="@@admin.deliveries.more"
      >
        Load more
      </button>
    }
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeliveryLog {
  readonly deliveries = input.required<WebhookDeliveryView[]>();
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  readonly hasMore = input(false);
  readonly now = input(Date.now());
  private readonly locale = inject(LOCALE_ID);
  readonly more = output<void>();

  protected readonly tones = TONES;
  protected readonly labels = {
    delivered: $localize`:@@admin.deliveries.delivered:Delivered`,
    pending: $localize`:@@admin.deliveries.pending:Pending`,
    failed: $localize`:@@admin.deliveries.failed:Failed`,
  };

  protected ago(iso: string): string {
    return timeAgo(iso, this.now(), this.locale);
  }

  protected when(iso: string): string {
    const at = Date.parse(iso);
    return at <= this.now() ? $localize`:@@admin.deliveries.now:now` : new Date(at).toLocaleString(this.locale);
  }
}
