import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, type ValidatorFn, Validators } from '@angular/forms';

import type { ApiError } from '../../../core/api/api-error';
import { formFeedback } from '../../../shared/forms/form-feedback';
import { Button } from '../../../shared/ui/button';
import { Field } from '../../../shared/ui/field';
import { FormAlert } from '../../../shared/ui/form-alert';
import { Input } from '../../../shared/ui/input';
import type { ExportRequest } from '../compliance-api';

const MAX_PEOPLE = 100;

/** yyyy-mm-dd of a day, local time. */
function dayOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

const people = (value: string) =>
  value
    .split(/[\s,]+/)
    .map((person) => person.replace(/^@/, ''))
    .filter(Boolean);

const peopleValidator: ValidatorFn = (control) => {
  const count = people(control.value as string).length;
  if (count === 0) return { required: true };
  return count > MAX_PEOPLE
    ? { people: $localize`:@@admin.export.tooMany:Name at most ${MAX_PEOPLE}:max: people.` }
    : null;
};

const rangeValidator: ValidatorFn = (group) => {
  const { from, to } = group.value as { from: string; to: string };
  return from && to && to < from ? { range: $localize`:@@admin.export.range:The end comes before the start.` } : null;
};

/** "Compliance export": the days and the people whose conversations to download, as JSON lines. */
@Component({
  selector: 'app-export-form',
  imports: [ReactiveFormsModule, Button, Field, FormAlert, Input],
  template: `
    <form
      [formGroup]="form"
      (ngSubmit)="submit()"
      novalidate
      class="space-y-4"
      aria-label="Compliance export"
      i18n-aria-label="@@admin.export.form"
    >
      <app-form-alert [message]="alert() || rangeError()" />
      <div class="grid gap-4 sm:grid-cols-2">
        <app-field label="From" i18n-label="@@admin.export.from" for="export-from" [errors]="errorsFor('from')">
          <input appInput id="export-from" formControlName="from" type="date" />
        </app-field>
        <app-field label="To" i18n-label="@@admin.export.to" for="export-to" [errors]="errorsFor('to')">
          <input appInput id="export-to" formControlName="to" type="date" />
        </app-field>
      </div>
      <app-field
        label="People"
        i18n-label="@@admin.export.people"
        for="export-people"
        hint="Usernames or user ids, separated by commas. Every conversation they take or took part in is exported."
        i18n-hint="@@admin.export.peopleHint"
        [errors]="errorsFor('people')"
      >
        <input
          appInput
          id="export-people"
          formControlName="people"
          type="text"
          autocomplete="off"
          autocapitalize="none"
          spellcheck="false"
        />
      </app-field>
      <div class="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-end">
        <p role="status" class="text-sm text-emerald-700 sm:mr-auto dark:text-emerald-400">
          @if (downloaded()) {
            <ng-container i18n="@@admin.export.done">Export downloaded.</ng-container>
          }
        </p>
        <button appButton type="submit" [pending]="pending()" [disabled]="pending()">
          @if (pending()) {
            <ng-container i18n="@@admin.export.running">Exporting…</ng-container>
          } @else {
            <ng-container i18n="@@admin.export.download">Download export</ng-container>
          }
        </button>
      </div>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExportForm {
  readonly pending = input(false);
  readonly error = input<ApiError | null>(null);
  readonly downloaded = input(false);
  readonly submitted = output<ExportRequest>();

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group(
    {
      from: [dayOf(new Date(Date.now() - 30 * 24 * 60 * 60 * 1000)), Validators.required],
      to: [dayOf(new Date()), Validators.required],
      people: ['', peopleValidator],
    },
    { validators: rangeValidator },
  );
  private readonly feedback = formFeedback(this.form, this.error, ['from', 'to', 'people'] as const);
  protected readonly alert = this.feedback.alert;
  protected readonly errorsFor = this.feedback.errorsFor;
  protected readonly rangeError = () => (this.form.errors?.['range'] as string | undefined) ?? null;

  protected submit(): void {
    if (!this.feedback.submit()) return;
    const { from, to, people: named } = this.form.getRawValue();
    this.submitted.emit({ from, to, people: people(named) });
  }
}
