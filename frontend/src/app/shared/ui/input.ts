import { computed, Directive, input, signal } from '@angular/core';
import { cva } from 'class-variance-authority';
import type { ClassValue } from 'clsx';

import { cn } from './cn';

export const inputVariants = cva(
  'block w-full rounded-lg border bg-white px-3 text-sm text-zinc-900 shadow-xs transition-colors ' +
    'placeholder:text-zinc-400 focus:outline-none focus-visible:ring-2 disabled:cursor-not-allowed disabled:opacity-60 ' +
    'dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500',
  {
    variants: {
      invalid: {
        false:
          'border-zinc-300 focus-visible:border-indigo-500 focus-visible:ring-indigo-500/30 dark:border-zinc-700 ' +
          'dark:focus-visible:border-indigo-400',
        true: 'border-red-500 focus-visible:border-red-500 focus-visible:ring-red-500/30 dark:border-red-500',
      },
      multiline: { false: 'h-10', true: 'min-h-24 resize-y py-2' },
    },
    defaultVariants: { invalid: false, multiline: false },
  },
);

/**
 * Styles a native input or textarea. When it sits in an `app-field`, the field tells it whether it is invalid and
 * which hint/error elements describe it, so screen readers announce them with the control.
 */
@Directive({
  selector: 'input[appInput], textarea[appInput]',
  host: {
    '[class]': 'classes()',
    '[attr.aria-invalid]': 'invalid() || null',
    '[attr.aria-describedby]': 'describedBy()',
  },
})
export class Input {
  // `class` on the host is merged into the variant's classes instead of replacing them.
  // eslint-disable-next-line @angular-eslint/no-input-rename
  readonly userClass = input<ClassValue>('', { alias: 'class' });
  readonly multiline = input(false);
  readonly invalid = signal(false);
  readonly describedBy = signal<string | null>(null);

  protected readonly classes = computed(() =>
    cn(inputVariants({ invalid: this.invalid(), multiline: this.multiline() }), this.userClass()),
  );
}
