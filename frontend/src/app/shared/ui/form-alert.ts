import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { cva } from 'class-variance-authority';

const alertVariants = cva('flex items-start gap-2 rounded-lg border px-3 py-2.5 text-sm', {
  variants: {
    tone: {
      error: 'border-red-200 bg-red-50 text-red-800 dark:border-red-900/60 dark:bg-red-950/50 dark:text-red-300',
      success:
        'border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900/60 dark:bg-emerald-950/50 ' +
        'dark:text-emerald-300',
    },
  },
});

/**
 * The general message area of a form. The live region stays in the DOM even when empty, so screen readers
 * announce a message when it appears. Errors use role="alert", confirmations role="status".
 */
@Component({
  selector: 'app-form-alert',
  template: `
    <div [attr.role]="tone() === 'error' ? 'alert' : 'status'">
      @if (message()) {
        <p [class]="classes[tone()]">{{ message() }}</p>
      }
    </div>
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormAlert {
  readonly message = input<string | null>(null);
  readonly tone = input<'error' | 'success'>('error');
  protected readonly classes = {
    error: alertVariants({ tone: 'error' }),
    success: alertVariants({ tone: 'success' }),
  };
}
