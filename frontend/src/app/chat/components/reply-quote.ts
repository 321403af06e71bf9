import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { ReplyQuoteView } from '@contracts/messages';

/** What a quote says of its original: its text, or what it was, or that it is gone. */
export function quoteText(quote: ReplyQuoteView): string {
  if (quote.deletedAt) return $localize`:@@chat.reply.deleted:Message deleted`;
  if (quote.text) return quote.text;
  if (quote.kind === 'image') return $localize`:@@chat.reply.photo:Photo`;
  if (quote.kind === 'video') return $localize`:@@chat.reply.video:Video`;
  return $localize`:@@chat.reply.unavailable:Message not available`;
}

/**
 * The quoted original of a reply (above the reply's text, or above the composer while replying). Clicking it asks to
 * jump to the original. Its accessible name is what it shows, framed by words for screen readers only: a name that
 * merely paraphrased the visible text would fail "label in name" (WCAG 2.5.3) for people who speak to click.
 */
@Component({
  selector: 'app-reply-quote',
  template: `
    <button
      type="button"
      class="mb-1 block w-full cursor-pointer rounded-lg border-l-4 border-current/40 bg-black/5 px-2 py-1 text-left text-sm focus-visible:outline-2 focus-visible:outline-indigo-500 dark:bg-black/25"
      data-testid="reply-quote"
      (click)="jump.emit(quote().id)"
    >
      <span class="sr-only" i18n="@@chat.reply.quoteOf">Reply to</span>
      <span class="block truncate text-xs font-semibold">{{ senderName() }}</span>
      <span class="line-clamp-2 opacity-90" [class.italic]="!!quote().deletedAt">{{ text() }}</span>
      <span class="sr-only" i18n="@@chat.reply.showOriginal">Show the original</span>
    </button>
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReplyQuote {
  readonly quote = input.required<ReplyQuoteView>();
  readonly senderName = input('');
  readonly jump = output<string>();

  protected readonly text = computed(() => quoteText(this.quote()));
}
