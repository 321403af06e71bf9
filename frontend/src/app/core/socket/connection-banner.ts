import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Store } from '@ngrx/store';

import { Spinner } from '../../shared/ui/spinner';
import { connectionFeature } from './connection-feature';

/** Says so while the live connection is down: nothing arrives, presence is unknown, messages wait to be sent. */
@Component({
  selector: 'app-connection-banner',
  imports: [Spinner],
  template: `
    <div role="status" aria-live="polite">
      @if (status() === 'reconnecting') {
        <div
          class="border-b border-zinc-300 bg-zinc-100 text-zinc-800 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100"
          data-testid="connection-banner"
        >
          <p class="mx-auto flex max-w-5xl items-center gap-2 px-4 py-2 text-sm sm:px-6">
            <app-spinner class="size-4 shrink-0" />
            <span i18n="@@connection.banner.reconnecting"
              >No connection. Reconnecting… Messages you write are sent once it is back.</span
            >
          </p>
        </div>
      }
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionBanner {
  protected readonly status = inject(Store).selectSignal(connectionFeature.selectStatus);
}
