import { ChangeDetectionStrategy, Component, computed, contentChild, effect, input } from '@angular/core';

import { Input } from './input';

/**
 * Label, control, hint and error messages of one form field. The projected `appInput` gets aria-invalid and
 * aria-describedby from here; the control's id must equal `for`.
 */
@Component({
  selector: 'app-field',
  template: `
    <div class="flex items-baseline justify-between gap-2">
      <label [for]="for()" class="text-sm font-medium text-zinc-800 dark:text-zinc-200">{{ label() }}</label>
      <ng-content select="[fieldAside]" />
    </div>
    <div class="mt-1.5"><ng-content /></div>
    @if (errors().length) {
      <ul [id]="errorId()" class="mt-1.5 space-y-0.5 text-sm text-red-600 dark:text-red-400">
        @for (error of errors(); track error) {
          <li>{{ error }}</li>
        }
      </ul>
    } @else if (hint()) {
      <p [id]="hintId()" class="mt-1.5 text-sm text-zinc-500 dark:text-zinc-400">{{ hint() }}</p>
    }
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Field {
  readonly label = input.required<string>();
  readonly for = input.required<string>();
  readonly hint = input<string>('');
  readonly errors = input<readonly string[]>([]);

  protected readonly errorId = computed(() => `${this.for()}-error`);
  protected readonly hintId = computed(() => `${this.for()}-hint`);
  private readonly control = contentChild(Input);

  constructor() {
    effect(() => {
      const control = this.control();
      if (!control) return;
      const invalid = this.errors().length > 0;
      control.invalid.set(invalid);
      control.describedBy.set(invalid ? this.errorId() : this.hint() ? this.hintId() : null);
    });
  }
}
