import { ChangeDetectionStrategy, Component, computed, input, linkedSignal } from '@angular/core';
import { cva, type VariantProps } from 'class-variance-authority';

import { Icon } from './icon';

const avatarVariants = cva(
  'inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full font-semibold select-none',
  {
    variants: {
      size: { sm: 'size-8 text-xs', md: 'size-10 text-sm', lg: 'size-16 text-xl' },
      tone: {
        person: 'bg-indigo-100 text-indigo-700 dark:bg-indigo-500/20 dark:text-indigo-300',
        deleted: 'bg-zinc-200 text-zinc-500 dark:bg-zinc-700 dark:text-zinc-400',
        group: 'bg-zinc-200 text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200',
      },
    },
  },
);

/**
 * The profile picture, or initials in a circle when there is none (or it fails to load), or a neutral silhouette
 * for an erased account; decorative, the name is always shown or labelled next to it.
 */
@Component({
  selector: 'app-avatar',
  imports: [Icon],
  template: `@if (deleted()) {
      <svg appIcon="person" class="size-3/5" data-testid="deleted-avatar"></svg>
    } @else if (picture(); as picture) {
      <img [src]="picture" alt="" class="size-full object-cover" (error)="failed.set(true)" />
    } @else {
      {{ initials() }}
    }`,
  host: { '[class]': 'classes()', 'aria-hidden': 'true' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Avatar {
  readonly name = input.required<string>();
  /** The picture's URL (`avatarUrl`); null or undefined shows the initials. */
  readonly src = input<string | null | undefined>(null);
  readonly size = input<VariantProps<typeof avatarVariants>['size']>('md');
  /** The account was erased ("Deleted user"). */
  readonly deleted = input(false);
  /** A group's picture: its initials on a neutral colour, unlike a person's. */
  readonly group = input(false);

  protected readonly classes = computed(() =>
    avatarVariants({ size: this.size(), tone: this.deleted() ? 'deleted' : this.group() ? 'group' : 'person' }),
  );
  protected readonly initials = computed(() => initialsOf(this.name()));
  /** Reset whenever the picture changes. */
  protected readonly failed = linkedSignal({ source: this.src, computation: () => false });
  protected readonly picture = computed(() => (this.failed() ? null : this.src() || null));
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => [...word][0]?.toUpperCase() ?? '').join('') || '?';
}
