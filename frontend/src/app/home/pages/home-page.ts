import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Store } from '@ngrx/store';
import { authFeature } from '../../core/auth/auth-feature';

/** Placeholder until conversations arrive: an empty state in the app shell. */
@Component({
  selector: 'app-home-page',
  template: `
    <div class="mx-auto max-w-2xl">
      <h1 class="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-white">
        @if (user(); as user) {
          Hi, {{ user.displayName }}
        } @else {
          Chats
        }
      </h1>
      <div
        class="mt-6 flex flex-col items-center rounded-2xl border border-dashed border-zinc-300 bg-white px-6 py-14 text-center dark:border-zinc-700 dark:bg-zinc-900"
      >
        <div
          class="flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600 dark:bg-indigo-500/10 dark:text-indigo-400"
        >
          <svg
            viewBox="0 0 24 24"
            class="size-6"
            fill="none"
            stroke="currentColor"
            stroke-width="1.75"
            aria-hidden="true"
          >
            <path
              stroke-linecap="round"
              stroke-linejoin="round"
              d="M8 10h8M8 14h5m-7 6 2.6-2.2a2 2 0 0 1 1.3-.5H18a3 3 0 0 0 3-3V7a3 3 0 0 0-3-3H6a3 3 0 0 0-3 3v7.3a3 3 0 0 0 3 3z"
            />
          </svg>
        </div>
        <h2 class="mt-4 text-base font-semibold text-zinc-900 dark:text-white">Your chats will appear here</h2>
        <p class="mt-1 max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
          Once you and your colleagues are friends, your conversations show up in this list.
        </p>
      </div>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage {
  protected readonly user = inject(Store).selectSignal(authFeature.selectUser);
}
