import { DestroyRef, inject, type Signal, signal } from '@angular/core';

/** How often relative times ("5 min ago", "Yesterday") are worked out again. */
const TICK_MS = 30_000;

/** The current time for a page, ticking on while it is shown, so relative times move on without a reload. */
export function injectNow(): Signal<number> {
  const now = signal(Date.now());
  const clock = setInterval(() => now.set(Date.now()), TICK_MS);
  inject(DestroyRef).onDestroy(() => clearInterval(clock));
  return now.asReadonly();
}
