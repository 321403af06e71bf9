import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { APP_NAME } from '../../core/page-title';
import { Logo } from '../../shared/ui/logo';

/** The centred card around the login and signup forms. */
@Component({
  selector: 'app-auth-layout',
  imports: [Logo],
  template: `
    <main class="flex min-h-dvh flex-col items-center justify-center px-4 py-10 sm:py-16">
      <div class="w-full max-w-sm">
        <div class="mb-8 flex flex-col items-center text-center">
          <app-logo class="size-10" />
          <p class="mt-3 text-sm font-medium text-zinc-500 dark:text-zinc-400">{{ appName }}</p>
          <h1 class="mt-1 text-2xl font-semibold tracking-tight text-zinc-900 dark:text-white">{{ heading() }}</h1>
          @if (subheading()) {
            <p class="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{{ subheading() }}</p>
          }
        </div>
        <div
          class="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <ng-content />
        </div>
        <div class="mt-6 text-center text-sm text-zinc-600 dark:text-zinc-400">
          <ng-content select="[authFooter]" />
        </div>
      </div>
    </main>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuthLayout {
  readonly heading = input.required<string>();
  readonly subheading = input('');
  protected readonly appName = APP_NAME;
}
