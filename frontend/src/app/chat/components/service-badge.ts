import { ChangeDetectionStrategy, Component } from '@angular/core';

/** Marks a service account (an automated sender) wherever its name shows. */
@Component({
  selector: 'app-service-badge',
  template: `<ng-container i18n="@@chat.serviceBadge"
    >Bot<span class="sr-only"> (automated account)</span></ng-container
  >`,
  host: {
    class:
      'inline-flex shrink-0 items-center rounded-full bg-amber-100 px-1.5 py-px text-[0.6875rem] font-semibold tracking-wide text-amber-900 uppercase ring-1 ring-amber-300 ring-inset dark:bg-amber-500/15 dark:text-amber-200 dark:ring-amber-500/40',
    'data-testid': 'service-badge',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceBadge {}
