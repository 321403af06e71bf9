import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { cva, type VariantProps } from 'class-variance-authority';
import type { ClassValue } from 'clsx';

import { cn } from './cn';
import { Spinner } from './spinner';

export const buttonVariants = cva(
  'inline-flex shrink-0 cursor-pointer items-center justify-center gap-2 rounded-lg text-sm font-medium whitespace-nowrap ' +
    'transition-colors select-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 ' +
    'disabled:pointer-events-none disabled:opacity-60 aria-disabled:pointer-events-none aria-disabled:opacity-60',
  {
    variants: {
      variant: {
        primary: 'bg-indigo-600 text-white shadow-sm hover:bg-indigo-500 dark:bg-indigo-500 dark:hover:bg-indigo-600',
        secondary:
          'border border-zinc-300 bg-white text-zinc-900 shadow-xs hover:bg-zinc-50 ' +
          'dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800',
        ghost:
          'text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white',
        /** A ghost in a muted colour, for icon buttons beside content (edit, delete, attach). */
        quiet:
          'text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white',
        danger:
          'border border-red-300 bg-white text-red-700 shadow-xs hover:bg-red-50 ' +
          'dark:border-red-900 dark:bg-zinc-900 dark:text-red-400 dark:hover:bg-red-950',
      },
      size: {
        sm: 'h-8 px-3',
        md: 'h-10 px-4',
        lg: 'h-11 px-5 text-base',
        /** A round button holding only an icon; give it an `aria-label`. Smaller with a `size-8` class. */
        icon: 'size-10 rounded-full',
      },
      block: { true: 'w-full' },
    },
    defaultVariants: { variant: 'primary', size: 'md' },
  },
);
export type ButtonVariants = VariantProps<typeof buttonVariants>;

/** A button or link styled as a button; `pending` shows a spinner and marks it busy for assistive tech. */
@Component({
  selector: 'button[appButton], a[appButton]',
  imports: [Spinner],
  template: `@if (pending()) {
      <app-spinner class="size-4" />
    }
    <ng-content />`,
  host: { '[class]': 'classes()', '[attr.aria-busy]': 'pending() || null' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Button {
  readonly variant = input<ButtonVariants['variant']>('primary');
  readonly size = input<ButtonVariants['size']>('md');
  readonly block = input(false);
  readonly pending = input(false);
  // `class` on the host is merged into the variant's classes instead of replacing them.
  // eslint-disable-next-line @angular-eslint/no-input-rename
  readonly userClass = input<ClassValue>('', { alias: 'class' });

  protected readonly classes = computed(() =>
    cn(buttonVariants({ variant: this.variant(), size: this.size(), block: this.block() }), this.userClass()),
  );
}
