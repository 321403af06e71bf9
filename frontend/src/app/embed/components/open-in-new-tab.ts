import { ChangeDetectionStrategy, Component, DOCUMENT, inject } from '@angular/core';

import { buttonVariants } from '../../shared/ui/button';
import { Logo } from '../../shared/ui/logo';

/**
 * Inside a portal's frame, when the browser withholds the chat's cookies (third-party cookies blocked): the session
 * would not outlive the page, so the chat offers itself in a tab of its own, at the same page.
 */
@Component({
  selector: 'app-open-in-new-tab',
  imports: [Logo],
  template: `
    <main class="flex min-h-dvh flex-col items-center justify-center gap-4 p-6 text-center">
      <app-logo class="size-10" />
      <h1 class="text-lg font-semibold text-zinc-900 dark:text-white" i18n="@@embed.newTab.heading">
        Open the chat in a new tab
      </h1>
      <p class="max-w-sm text-sm text-zinc-600 dark:text-zinc-400" i18n="@@embed.newTab.reason">
        Your browser doesn't let the chat keep you signed in inside this page. It works in a tab of its own.
      </p>
      <a [href]="href" target="_blank" rel="noopener" [class]="button" i18n="@@embed.newTab.open">Open in a new tab</a>
    </main>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpenInNewTab {
  protected readonly href = inject(DOCUMENT).location.href;
  protected readonly button = buttonVariants();
}
