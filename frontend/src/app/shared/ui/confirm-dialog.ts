import {
  ChangeDetectionStrategy,
  Component,
  effect,
  type ElementRef,
  input,
  output,
  untracked,
  viewChild,
} from '@angular/core';

import { Button } from './button';

let nextId = 0;

/**
 * A modal confirmation on the native `<dialog>`: the browser traps focus inside, puts it on Cancel (the safe
 * choice) and closes on Escape. When it closes, focus goes back to whatever opened it. The owner decides when it
 * is open; Escape and Cancel emit `cancelled`.
 */
@Component({
  selector: 'app-confirm-dialog',
  imports: [Button],
  template: `
    <dialog
      #dialog
      class="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      [attr.aria-labelledby]="id + '-title'"
      [attr.aria-describedby]="id + '-description'"
      (close)="closed()"
    >
      <div class="p-5 sm:p-6">
        <h2 [id]="id + '-title'" class="text-base font-semibold">{{ heading() }}</h2>
        <p [id]="id + '-description'" class="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{{ description() }}</p>
      </div>
      <div
        class="flex flex-col-reverse gap-2 rounded-b-2xl border-t border-zinc-200 bg-zinc-50 px-5 py-3 sm:flex-row sm:justify-end sm:px-6 dark:border-zinc-800 dark:bg-zinc-900/60"
      >
        <button
          appButton
          type="button"
          variant="secondary"
          autofocus
          (click)="cancelled.emit()"
          i18n="@@admin.dialog.cancel"
        >
          Cancel
        </button>
        <button appButton type="button" [variant]="tone()" (click)="confirmed.emit()">{{ confirmLabel() }}</button>
      </div>
    </dialog>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  readonly open = input(false);
  readonly heading = input.required<string>();
  readonly description = input('');
  readonly confirmLabel = input($localize`:@@admin.confirm:Confirm`);
  readonly tone = input<'primary' | 'danger'>('primary');
  readonly confirmed = output<void>();
  readonly cancelled = output<void>();

  protected readonly id = `confirm-dialog-${nextId++}`;
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private returnFocusTo: HTMLElement | null = null;

  constructor() {
    effect(() => {
      const open = this.open();
      const dialog = this.dialog().nativeElement;
      untracked(() => (open ? this.show(dialog) : this.hide(dialog)));
    });
  }

  private show(dialog: HTMLDialogElement): void {
    if (dialog.hasAttribute('open')) return;
    this.returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // jsdom has no showModal(); real browsers always do.
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
  }

  private hide(dialog: HTMLDialogElement): void {
    if (!dialog.hasAttribute('open')) return;
    if (typeof dialog.close === 'function') dialog.close();
    else dialog.removeAttribute('open');
  }

  /** Closed by the owner, or by the browser on Escape (then the owner still thinks it is open). */
  protected closed(): void {
    this.returnFocusTo?.focus();
    this.returnFocusTo = null;
    if (this.open()) this.cancelled.emit();
  }
}
