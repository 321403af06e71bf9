import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';

import { authFeature } from './core/auth/auth-feature';
import { OpenInNewTab } from './embed/components/open-in-new-tab';
import { embedFeature } from './embed/embed-feature';
import { Spinner } from './shared/ui/spinner';

/**
 * Root: the routed page, and a loading state while the session is being restored on page load. Inside a portal's
 * frame whose browser withholds the session cookie, an offer to open the chat in a tab of its own instead.
 */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet, Spinner, OpenInNewTab],
  template: `
    @if (restoring()) {
      <div
        class="flex min-h-dvh items-center justify-center gap-3 text-sm text-zinc-500 dark:text-zinc-400"
        role="status"
      >
        <app-spinner class="text-indigo-600 dark:text-indigo-400" />
        <span i18n="@@app.loading">Loading…</span>
      </div>
    }
    @if (cookiesWithheld()) {
      <app-open-in-new-tab />
    } @else {
      <router-outlet />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  private readonly store = inject(Store);
  protected readonly restoring = this.store.selectSignal(authFeature.selectIsRestoring);
  protected readonly cookiesWithheld = this.store.selectSignal(embedFeature.selectCookiesWithheld);
}
