import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MAX_TEXT_LENGTH } from '@contracts/messages';

/** The counter shows up this close to the limit. */
const COUNTER_FROM = MAX_TEXT_LENGTH - 500;

/**
 * The message box: Enter sends, Shift+Enter starts a new line, 4,000 characters at most. Keeps a draft per
 * conversation while the person switches between chats.
 */
@Component({
  selector: 'app-composer',
  template: `
    <form class="flex items-end gap-2" (submit)="submit($event)">
      <label for="composer" class="sr-only">Message {{ recipient() }}</label>
      <textarea
        #box
        id="composer"
        rows="1"
        [maxLength]="maxLength"
        placeholder="Write a message…"
        autocomplete="off"
        [attr.aria-describedby]="showCounter() ? 'composer-counter' : null"
        class="block max-h-40 min-h-10 flex-1 resize-none rounded-2xl border border-zinc-300 bg-white px-3.5 py-2 text-sm text-zinc-900 [field-sizing:content] placeholder:text-zinc-400 focus:outline-none focus-visible:border-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500/30 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500"
        [value]="text()"
        (input)="onInput(box.value)"
        (keydown)="onKeydown($event)"
      ></textarea>
      <button
        type="submit"
        aria-label="Send message"
        [disabled]="!canSend()"
        class="inline-flex size-10 shrink-0 cursor-pointer items-center justify-center rounded-full bg-indigo-600 text-white shadow-sm transition-colors hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-default disabled:opacity-50 dark:bg-indigo-500 dark:hover:bg-indigo-400"
      >
        <svg viewBox="0 0 20 20" class="size-5" fill="currentColor" aria-hidden="true">
          <path
            d="M3.1 2.3a.75.75 0 0 0-1 .9l1.7 5.9a1 1 0 0 0 .8.7l5.9.9c.3 0 .3.5 0 .5l-5.9.9a1 1 0 0 0-.8.7l-1.7 5.9a.75.75 0 0 0 1 .9 29 29 0 0 0 14.8-7.2.75.75 0 0 0 0-1.1A29 29 0 0 0 3.1 2.3"
          />
        </svg>
      </button>
    </form>
    @if (showCounter()) {
      <p
        id="composer-counter"
        class="mt-1 pr-12 text-right text-xs"
        [class]="length() >= maxLength ? 'text-red-600 dark:text-red-400' : 'text-zinc-500 dark:text-zinc-400'"
      >
        {{ length() }} / {{ maxLength }} characters
      </p>
    }
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Composer {
  readonly conversationId = input.required<string>();
  /** Who the message goes to, for the field's label. */
  readonly recipient = input('');
  readonly send = output<string>();
  /** A keystroke that left some text: the page turns these into throttled typing events. */
  readonly typed = output<void>();

  protected readonly maxLength = MAX_TEXT_LENGTH;
  protected readonly text = signal('');
  protected readonly length = computed(() => this.text().length);
  protected readonly showCounter = computed(() => this.length() >= COUNTER_FROM);
  protected readonly canSend = computed(() => {
    const length = this.text().trim().length;
    return length > 0 && length <= MAX_TEXT_LENGTH;
  });
  private readonly box = viewChild.required<ElementRef<HTMLTextAreaElement>>('box');
  private readonly drafts = new Map<string, string>();

  constructor() {
    let current: string | null = null;
    effect(() => {
      const id = this.conversationId();
      untracked(() => {
        if (current !== null) this.drafts.set(current, this.text());
        this.text.set(this.drafts.get(id) ?? '');
        current = id;
      });
    });
  }

  focus(): void {
    this.box().nativeElement.focus();
  }

  protected onInput(value: string): void {
    this.text.set(value);
    if (value.trim()) this.typed.emit();
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  }

  protected submit(event?: Event): void {
    event?.preventDefault();
    if (!this.canSend()) return;
    this.send.emit(this.text().trim());
    this.text.set('');
    this.box().nativeElement.value = '';
    this.focus();
  }
}
