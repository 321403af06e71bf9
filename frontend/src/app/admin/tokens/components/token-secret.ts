import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { CreatedServiceToken } from '@contracts/service-tokens';

import { Button } from '../../../shared/ui/button';

/**
 * The secret of the token just created, shown this once: a copy button and a plain warning. Focus moves to it so
 * the admin (and a screen reader) lands on what matters now.
 */
@Component({
  selector: 'app-token-secret',
  imports: [Button],
  template: `
    <section
      #panel
      tabindex="-1"
      aria-labelledby="token-secret-heading"
      class="rounded-2xl border border-amber-300 bg-amber-50 p-4 outline-none sm:p-6 dark:border-amber-700/60 dark:bg-amber-950/40"
      data-testid="token-secret"
    >
      <h2
        id="token-secret-heading"
        class="text-base font-semibold text-amber-950 dark:text-amber-100"
        i18n="@@admin.tokens.secretHeading"
      >
        Copy the token for “{{ created().name }}” now
      </h2>
      <p class="mt-1 text-sm text-amber-900 dark:text-amber-200" i18n="@@admin.tokens.secretNote">
        You won't see it again: only a hash of it is stored. If it is lost, create a new one and revoke this one.
      </p>
      <div class="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
        <label for="token-secret-value" class="sr-only" i18n="@@admin.tokens.secretLabel">Service token</label>
        <input
          id="token-secret-value"
          readonly
          [value]="created().token"
          class="h-10 min-w-0 flex-1 rounded-lg border border-amber-300 bg-white px-3 font-mono text-sm text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 dark:border-amber-700/60 dark:bg-zinc-950 dark:text-zinc-100"
          (focus)="$any($event.target).select()"
        />
        <div class="flex gap-2">
          <button appButton type="button" (click)="copy()">
            @if (copied()) {
              <ng-container i18n="@@admin.tokens.copied">Copied</ng-container>
            } @else {
              <ng-container i18n="@@admin.tokens.copy">Copy</ng-container>
            }
          </button>
          <button appButton type="button" variant="secondary" (click)="dismissed.emit()" i18n="@@admin.tokens.done">
            Done
          </button>
        </div>
      </div>
      <p role="status" class="mt-2 h-5 text-sm text-amber-900 dark:text-amber-200">
        @if (copied()) {
          <ng-container i18n="@@admin.tokens.copiedNote">Copied to the clipboard.</ng-container>
        } @else if (copyFailed()) {
          <ng-container i18n="@@admin.tokens.copyFailed">Copying failed: select the token and copy it.</ng-container>
        }
      </p>
    </section>
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TokenSecret {
  readonly created = input.required<CreatedServiceToken>();
  readonly dismissed = output<void>();

  protected readonly copied = signal(false);
  protected readonly copyFailed = signal(false);
  private readonly panel = viewChild.required<ElementRef<HTMLElement>>('panel');

  constructor() {
    afterNextRender(() => this.panel().nativeElement.focus());
  }

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.created().token);
      this.copied.set(true);
      this.copyFailed.set(false);
    } catch {
      this.copyFailed.set(true);
    }
  }
}
