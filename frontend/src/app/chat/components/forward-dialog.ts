import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  type ElementRef,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type { ConversationView } from '@contracts/messages';

import { Avatar } from '../../shared/ui/avatar';
import { Button } from '../../shared/ui/button';
import { conversationTitle } from '../conversation-people';

let nextId = 0;

/**
 * Where to forward a message: the conversations I may write to (a group marked as one, so "Launch crew" is not taken
 * for a person), filtered by name, on the native modal `<dialog>`
 * (focus trapped inside, Escape closes, focus goes back to what opened it).
 */
@Component({
  selector: 'app-forward-dialog',
  imports: [Avatar, Button],
  template: `
    <dialog
      #dialog
      class="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      [attr.aria-labelledby]="id + '-title'"
      (close)="cancelled.emit()"
    >
      <div class="p-5">
        <h2 [id]="id + '-title'" class="text-base font-semibold" i18n="@@chat.forward.title">Forward to…</h2>
        <label [for]="id + '-filter'" class="sr-only" i18n="@@chat.forward.filter">Find a conversation</label>
        <input
          #filterInput
          [id]="id + '-filter'"
          type="search"
          autofocus
          class="mt-3 w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          placeholder="Find a conversation"
          i18n-placeholder="@@chat.forward.filter"
          (input)="query.set(filterInput.value)"
        />
        <ul class="mt-2 max-h-72 overflow-y-auto" [attr.aria-label]="listLabel">
          @for (target of shown(); track target.id) {
            <li>
              <button
                type="button"
                class="flex w-full cursor-pointer items-center gap-3 rounded-lg px-3 py-2 text-left text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800"
                data-testid="forward-target"
                (click)="chosen.emit(target.id)"
              >
                <app-avatar
                  size="sm"
                  [name]="target.title"
                  [src]="target.avatarUrl"
                  [group]="target.group"
                  [deleted]="target.deleted"
                />
                <span class="min-w-0 flex-1 truncate">{{ target.title }}</span>
                @if (target.group) {
                  <span
                    class="shrink-0 rounded-full bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
                    data-testid="forward-target-group"
                    i18n="@@chat.forward.group"
                    >Group</span
                  >
                }
              </button>
            </li>
          } @empty {
            <li class="px-3 py-2 text-sm text-zinc-600 dark:text-zinc-400" i18n="@@chat.forward.none">
              No conversation found
            </li>
          }
        </ul>
      </div>
      <div class="flex justify-end border-t border-zinc-200 px-5 py-3 dark:border-zinc-800">
        <button appButton type="button" variant="secondary" (click)="cancelled.emit()" i18n="@@chat.forward.cancel">
          Cancel
        </button>
      </div>
    </dialog>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForwardDialog {
  readonly open = input(false);
  readonly conversations = input<ConversationView[]>([]);
  readonly chosen = output<string>();
  readonly cancelled = output<void>();

  protected readonly id = `forward-dialog-${nextId++}`;
  protected readonly listLabel = $localize`:@@chat.forward.list:Conversations`;
  protected readonly query = signal('');
  protected readonly shown = computed(() => {
    const query = this.query().trim().toLocaleLowerCase();
    return this.conversations()
      .filter((conversation) => !conversation.left)
      .map((conversation) => ({
        id: conversation.id,
        title: conversationTitle(conversation),
        group: conversation.kind === 'group',
        avatarUrl: conversation.participant?.avatarUrl ?? conversation.avatarUrl,
        deleted: conversation.participant?.deleted ?? false,
      }))
      .filter((target) => !query || target.title.toLocaleLowerCase().includes(query));
  });
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private returnFocusTo: HTMLElement | null = null;

  constructor() {
    effect(() => {
      const open = this.open();
      const dialog = this.dialog().nativeElement;
      untracked(() => {
        if (open && !dialog.hasAttribute('open')) {
          this.returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
          if (typeof dialog.showModal === 'function') dialog.showModal();
          else dialog.setAttribute('open', '');
        } else if (!open && dialog.hasAttribute('open')) {
          if (typeof dialog.close === 'function') dialog.close();
          else dialog.removeAttribute('open');
          this.returnFocusTo?.focus();
        }
      });
    });
  }
}
