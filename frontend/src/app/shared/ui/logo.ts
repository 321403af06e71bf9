import { ChangeDetectionStrategy, Component } from '@angular/core';

/** The product mark: a speech bubble. Decorative; the product name sits next to it. */
@Component({
  selector: 'app-logo',
  template: `<svg viewBox="0 0 32 32" class="size-full" aria-hidden="true">
    <rect width="32" height="32" rx="8" class="fill-indigo-600 dark:fill-indigo-500" />
    <path
      d="M9 11.5A3.5 3.5 0 0 1 12.5 8h7A3.5 3.5 0 0 1 23 11.5v5a3.5 3.5 0 0 1-3.5 3.5H15l-4.2 3.4a.5.5 0 0 1-.8-.4V20a3.5 3.5 0 0 1-1-2.5z"
      fill="white"
    />
  </svg>`,
  host: { class: 'inline-block size-8 shrink-0' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Logo {}
