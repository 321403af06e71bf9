import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { ReactionView } from '@contracts/messages';

import { EmojiPicker } from './emoji-picker';

/** The quick row above the emoji picker. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;

export interface ReactionToggle {
  emoji: string;
  on: boolean;
}

/** Who reacted, me first: "You", "Ada and Ben", "You, Ada and Ben", "Ada, Ben and 3 others". */
export function reactorsText(names: string[]): string {
  const [first, second, third] = names;
  if (names.length <= 1) return first ?? '';
  if (names.length === 2) return $localize`:@@chat.reactions.two:${first}:first: and ${second}:second:`;
  if (names.length === 3) {
    return $localize`:@@chat.reactions.three:${first}:first:, ${second}:second: and ${third}:third:`;
  }
  const others = names.length - 2;
  return $localize`:@@chat.reactions.many:${first}:first:, ${second}:second: and ${others}:count: others`;
}

/**
 * Scrolls the nearest scrolling ancestor (the message list) just enough to show `el`'s bottom. Not `scrollIntoView`,
 * which would also scroll the page's clipped (overflow: hidden) containers and push the header out of sight.
 */
function revealInScroller(el: HTMLElement | undefined): void {
  let scroller = el?.parentElement;
  while (scroller && !/auto|scroll/.test(getComputedStyle(scroller).overflowY)) scroller = scroller.parentElement;
  if (!el || !scroller) return;
  const hidden = el.getBoundingClientRect().bottom - scroller.getBoundingClientRect().bottom;
  if (hidden > 0) scroller.scrollTop += hidden;
}

/**
 * A message's reactions: one chip per emoji with its count (pressed when I reacted; its label and tooltip name who
 * did), a click toggles mine. "+" (and the message menu's "React") opens the quick row and the emoji picker with its
 * search focused; Escape or a choice closes it, back on the button that opened it.
 */
@Component({
  selector: 'app-reaction-bar',
  imports: [EmojiPicker],
  template: `
    @if (chips().length) {
      <div class="mt-1 flex flex-wrap items-center gap-1" role="group" [attr.aria-label]="groupLabel">
        @for (reaction of chips(); track reaction.emoji) {
          <button
            type="button"
            [class]="chip"
            [class.ring-indigo-500]="reaction.mine"
            [class.bg-indigo-50]="reaction.mine"
            [class.dark:bg-indigo-950]="reaction.mine"
            [attr.aria-pressed]="reaction.mine"
            [attr.aria-label]="reaction.label"
            [title]="reaction.label"
            data-testid="reaction"
            (click)="toggled.emit({ emoji: reaction.emoji, on: !reaction.mine })"
          >
            <span aria-hidden="true">{{ reaction.emoji }}</span>
            <span class="tabular-nums" aria-hidden="true">{{ reaction.count }}</span>
          </button>
        }
        <button
          #add
          type="button"
          [class]="chip"
          aria-haspopup="dialog"
          [attr.aria-expanded]="picking()"
          [attr.aria-label]="addLabel"
          [title]="addLabel"
          data-testid="add-reaction"
          (click)="open(add)"
        >
          <span aria-hidden="true" class="px-0.5 text-zinc-600 dark:text-zinc-300">+</span>
        </button>
      </div>
    }
    @if (picking()) {
      <div
        #pickerBox
        role="dialog"
        class="mt-1 w-[min(22rem,calc(100vw-2rem))] rounded-xl bg-white p-1 shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-700"
        [attr.aria-label]="pickerLabel"
        data-testid="reaction-picker"
        (keydown.escape)="close()"
      >
        <div class="flex justify-between gap-0.5 p-1" role="group" [attr.aria-label]="quickLabel">
          @for (emoji of quick; track emoji) {
            <button
              type="button"
              class="flex size-9 cursor-pointer items-center justify-center rounded-full text-xl hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800"
              [attr.aria-label]="reactWith(emoji)"
              data-testid="quick-reaction"
              (click)="pick(emoji)"
            >
              {{ emoji }}
            </button>
          }
        </div>
        <app-emoji-picker (picked)="pick($event)" (closed)="close()" />
      </div>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReactionBar {
  readonly reactions = input<ReactionView[]>([]);
  readonly me = input('');
  /** A person's name by id, for "who reacted". */
  readonly nameOf = input<(id: string) => string>(() => '');
  readonly toggled = output<ReactionToggle>();
  /** The quick row and the picker are open. */
  readonly picking = signal(false);

  protected readonly quick = QUICK_REACTIONS;
  protected readonly groupLabel = $localize`:@@chat.reactions.label:Reactions`;
  protected readonly quickLabel = $localize`:@@chat.reactions.quick:Choose a reaction`;
  protected readonly pickerLabel = $localize`:@@chat.reactions.picker:Add a reaction`;
  protected readonly addLabel = $localize`:@@chat.reactions.add:Add reaction`;
  protected readonly chip =
    'inline-flex cursor-pointer items-center gap-1 rounded-full bg-white px-2 py-0.5 text-sm ring-1 ring-zinc-200 ' +
    'hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:bg-zinc-900 dark:ring-zinc-700 ' +
    'dark:hover:bg-zinc-800';
  protected readonly chips = computed(() =>
    this.reactions().map(({ emoji, userIds }) => {
      const mine = userIds.includes(this.me());
      const others = userIds.filter((id) => id !== this.me()).map((id) => this.nameOf()(id));
      const who = reactorsText(mine ? [$localize`:@@chat.reactions.you:You`, ...others] : others);
      return {
        emoji,
        count: userIds.length,
        mine,
        // The count is in the name too: what a chip shows must be part of what it is called (WCAG 2.5.3).
        label: $localize`:@@chat.reactions.who:${emoji}:emoji: ${userIds.length}:count: by ${who}:names:`,
      };
    }),
  );

  private readonly injector = inject(Injector);
  private readonly pickerBox = viewChild<ElementRef<HTMLElement>>('pickerBox');
  private returnFocusTo: HTMLElement | null = null;

  /**
   * Opens the picker, scrolled into view (under the newest message it would open below the fold); focus comes back to
   * `opener` when it closes.
   */
  open(opener: HTMLElement | null): void {
    this.returnFocusTo = opener;
    this.picking.set(true);
    afterNextRender(() => revealInScroller(this.pickerBox()?.nativeElement), { injector: this.injector });
  }

  protected close(): void {
    this.picking.set(false);
    const opener = this.returnFocusTo;
    afterNextRender(() => opener?.focus(), { injector: this.injector });
  }

  protected reactWith(emoji: string): string {
    return $localize`:@@chat.reactions.reactWith:React with ${emoji}:emoji:`;
  }

  protected pick(emoji: string): void {
    this.close();
    const mine = this.reactions().some((reaction) => reaction.emoji === emoji && reaction.userIds.includes(this.me()));
    this.toggled.emit({ emoji, on: !mine });
  }
}
