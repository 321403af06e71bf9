import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  LOCALE_ID,
  output,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { MessageView } from '@contracts/messages';

import { toApiError } from '../../core/api/api-error';
import { Button } from '../../shared/ui/button';
import { Icon } from '../../shared/ui/icon';
import { ChatApi } from '../chat-api';

const WHEN: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/**
 * An edited message's earlier versions, loaded when opened, in a modal dialog (the native <dialog> traps focus and
 * closes on Escape). Oldest first, ending with the text as it is now. The opener gets focus back on `closed`.
 */
@Component({
  selector: 'app-edit-history',
  imports: [Button, Icon],
  template: `
    <dialog
      #dialog
      aria-labelledby="edit-history-title"
      class="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      (close)="closed.emit()"
    >
      <div class="flex items-center justify-between gap-2 border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
        <h2 id="edit-history-title" class="text-base font-semibold" i18n="@@chat.history.title">Edit history</h2>
        <button
          #close
          appButton
          type="button"
          variant="quiet"
          size="icon"
          aria-label="Close"
          i18n-aria-label="@@chat.history.close"
          (click)="dialog.close()"
        >
          <svg appIcon="close" class="size-5"></svg>
        </button>
      </div>
      <div class="max-h-[70dvh] overflow-y-auto px-5 py-4" aria-live="polite">
        @if (versions.isLoading()) {
          <p class="text-sm text-zinc-600 dark:text-zinc-400" i18n="@@chat.history.loading">Loading…</p>
        } @else if (versions.error(); as error) {
          <p role="alert" class="text-sm text-red-700 dark:text-red-400" i18n="@@chat.history.failed">
            Could not load the history: {{ errorText(error) }}
          </p>
        } @else {
          <ol class="flex flex-col gap-3" data-testid="edit-history">
            @for (version of shown(); track $index; let first = $first; let last = $last) {
              <li class="rounded-xl bg-zinc-100 px-3.5 py-2 dark:bg-zinc-800" data-testid="edit-version">
                <p class="text-xs text-zinc-600 dark:text-zinc-400">
                  @if (last) {
                    <span i18n="@@chat.history.current">Now</span>
                  } @else if (first) {
                    <span i18n="@@chat.history.original">Original</span>
                  } @else {
                    <span i18n="@@chat.history.earlier">Earlier version</span>
                  }
                  · <time [attr.datetime]="version.at">{{ when(version.at) }}</time>
                </p>
                <p class="mt-1 text-sm break-words whitespace-pre-wrap">{{ version.text }}</p>
              </li>
            }
          </ol>
        }
      </div>
    </dialog>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditHistory {
  readonly message = input.required<MessageView>();
  readonly closed = output<void>();

  protected readonly versions = rxResource({
    params: () => this.message().id,
    stream: ({ params: id }) => this.api.editHistory(id),
  });
  /** The earlier versions and, last, the message as it is now. */
  protected readonly shown = computed(() => {
    const earlier = this.versions.value()?.versions ?? [];
    const message = this.message();
    return [...earlier, { text: message.text ?? '', at: message.editedAt ?? message.createdAt }];
  });

  private readonly api = inject(ChatApi);
  private readonly locale = inject(LOCALE_ID);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly closeButton = viewChild.required<string, ElementRef<HTMLButtonElement>>('close', {
    read: ElementRef,
  });

  constructor() {
    afterNextRender(() => {
      const dialog = this.dialog().nativeElement;
      // jsdom has no showModal; the open attribute is enough to render there.
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      this.closeButton().nativeElement.focus();
    });
  }

  protected when(iso: string): string {
    return new Date(iso).toLocaleString(this.locale, WHEN);
  }

  protected errorText(error: unknown): string {
    return toApiError(error).message;
  }
}
