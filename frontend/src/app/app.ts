import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';

import { authFeature } from './core/auth/auth-feature';
import { Spinner } from './shared/ui/spinner';

/** Root: the routed page, and a loading state while the session is being restored on page load. */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet, Spinner],
  template: `
    @if (restoring()) {
      <div
        class="flex min-h-dvh items-center justify-center gap-3 text-sm text-zinc-500 dark:text-zinc-400"
        role="status"
      >
        <app-spinner class="text-indigo-600 dark:text-indigo-400" />
        <span>Loading…</span>
      </div>
    }
    <router-outlet />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly restoring = inject(Store).selectSignal(authFeature.selectIsRestoring);
}
