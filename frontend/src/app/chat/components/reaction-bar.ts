import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import type { ReactionView } from '@contracts/messages';

/** The quick row of the reaction picker. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;

export interface ReactionToggle {
  emoji: string;
  on: boolean;
}

/**
 * A message's reactions: one chip per emoji with its count (pressed when I reacted; its label names who did), a
 * click toggles mine. "Add reaction" opens the quick row of six.
 */
@Component({
  selector: 'app-reaction-bar',
  template: `
    @if (chips().length || picking()) {
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
        @if (picking()) {
          <div class="flex gap-0.5" role="group" [attr.aria-label]="quickLabel" (keydown.escape)="picking.set(false)">
            @for (emoji of quick; track emoji) {
              <button
                type="button"
                [class]="chip"
                [attr.aria-label]="reactWith(emoji)"
                data-testid="quick-reaction"
                (click)="pick(emoji)"
              >
                {{ emoji }}
              </button>
            }
          </div>
        }
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
  /** The quick row is open (the message's menu opens it with "React"). */
  readonly picking = signal(false);

  protected readonly quick = QUICK_REACTIONS;
  protected readonly groupLabel = $localize`:@@chat.reactions.label:Reactions`;
  protected readonly quickLabel = $localize`:@@chat.reactions.quick:Choose a reaction`;
  protected readonly chip =
    'inline-flex cursor-pointer items-center gap-1 rounded-full bg-white px-2 py-0.5 text-sm ring-1 ring-zinc-200 ' +
    'hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:bg-zinc-900 dark:ring-zinc-700 ' +
    'dark:hover:bg-zinc-800';
  protected readonly chips = computed(() =>
    this.reactions().map(({ emoji, userIds }) => {
      const names = userIds.map((id) => (id === this.me() ? $localize`:@@chat.reactions.you:You` : this.nameOf()(id)));
      const who = names.join(', ');
      return {
        emoji,
        count: userIds.length,
        mine: userIds.includes(this.me()),
        label: $localize`:@@chat.reactions.who:${emoji}:emoji: by ${who}:names:`,
      };
    }),
  );

  protected reactWith(emoji: string): string {
    return $localize`:@@chat.reactions.reactWith:React with ${emoji}:emoji:`;
  }

  protected pick(emoji: string): void {
    this.picking.set(false);
    const mine = this.reactions().some((reaction) => reaction.emoji === emoji && reaction.userIds.includes(this.me()));
    this.toggled.emit({ emoji, on: !mine });
  }
}
