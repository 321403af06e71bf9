import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { cva, type VariantProps } from 'class-variance-authority';

const avatarVariants = cva(
  'inline-flex shrink-0 items-center justify-center rounded-full bg-indigo-100 font-semibold text-indigo-700 ' +
    'select-none dark:bg-indigo-500/20 dark:text-indigo-300',
  { variants: { size: { sm: 'size-8 text-xs', md: 'size-10 text-sm', lg: 'size-16 text-xl' } } },
);

/** Initials in a circle; decorative, the name is always shown or labelled next to it. */
@Component({
  selector: 'app-avatar',
  template: `{{ initials() }}`,
  host: { '[class]': 'classes()', 'aria-hidden': 'true' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Avatar {
  readonly name = input.required<string>();
  readonly size = input<VariantProps<typeof avatarVariants>['size']>('md');

  protected readonly classes = computed(() => avatarVariants({ size: this.size() }));
  protected readonly initials = computed(() => initialsOf(this.name()));
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => [...word][0]?.toUpperCase() ?? '').join('') || '?';
}
