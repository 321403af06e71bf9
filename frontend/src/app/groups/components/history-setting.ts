import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/**
 * The group setting "New members see earlier messages": what it means now, and a switch for those who may change it
 * (the group's owners and admins; anyone creating a group).
 */
@Component({
  selector: 'app-history-setting',
  template: `
    <div class="flex items-start justify-between gap-4 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800">
      <div class="min-w-0">
        <p id="history-label" class="text-sm font-medium text-zinc-800 dark:text-zinc-200" i18n="@@groups.info.history">
          New members see earlier messages
        </p>
        <p id="history-hint" class="text-xs text-zinc-500 dark:text-zinc-400">
          @if (on()) {
            <ng-container i18n="@@groups.info.historyOn"
              >People added later can read what was written before.</ng-container
            >
          } @else {
            <ng-container i18n="@@groups.info.historyOff"
              >People added later see messages from when they joined.</ng-container
            >
          }
        </p>
      </div>
      @if (editable()) {
        <button
          type="button"
          role="switch"
          aria-labelledby="history-label"
          aria-describedby="history-hint"
          [attr.aria-checked]="on()"
          [attr.aria-disabled]="busy() || null"
          (click)="busy() || toggled.emit(!on())"
          class="relative inline-flex h-6 w-11 shrink-0 cursor-pointer items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 aria-disabled:opacity-60"
          [class]="on() ? 'bg-indigo-600 dark:bg-indigo-500' : 'bg-zinc-300 dark:bg-zinc-600'"
          data-testid="history-switch"
        >
          <span
            class="inline-block size-5 rounded-full bg-white shadow transition-transform"
            [class]="on() ? 'translate-x-5.5' : 'translate-x-0.5'"
          ></span>
        </button>
      }
    </div>
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HistorySetting {
  readonly on = input(false);
  readonly editable = input(false);
  /** A change is under way: the switch waits for it. */
  readonly busy = input(false);
  /** The value asked for. */
  readonly toggled = output<boolean>();
}
