import { ChangeDetectionStrategy, Component } from '@angular/core';

/** A decorative spinner; the surrounding element says what is loading (aria-busy or a status text). */
@Component({
  selector: 'app-spinner',
  template: `<svg class="size-full animate-spin" viewBox="0 0 24 24" fill="none" aria-hidden="true">
    <circle cx="12" cy="12" r="10" stroke="currentColor" stroke-opacity="0.25" stroke-width="4" />
    <path d="M22 12a10 10 0 0 0-10-10" stroke="currentColor" stroke-width="4" stroke-linecap="round" />
  </svg>`,
  host: { class: 'inline-block size-5 shrink-0' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Spinner {}
