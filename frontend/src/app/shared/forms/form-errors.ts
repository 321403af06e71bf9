import { DestroyRef, inject, linkedSignal, type Signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { AbstractControl, FormGroup, ValidationErrors, ValidatorFn } from '@angular/forms';

import type { ApiError } from '../../core/api/api-error';

/**
 * The server's field errors of the last failed submit, each dropped as soon as the person edits that field (the
 * message is about the old value). Call in an injection context.
 */
export function serverFieldErrors(form: FormGroup, error: Signal<ApiError | null>): Signal<Record<string, string[]>> {
  const errors = linkedSignal<Record<string, string[]>>(() => error()?.fieldErrors ?? {});
  const destroyRef = inject(DestroyRef);
  for (const [name, control] of Object.entries(form.controls)) {
    control.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => {
      if (!(name in errors())) return;
      const { [name]: _dropped, ...rest } = errors();
      errors.set(rest);
    });
  }
  return errors.asReadonly();
}

/**
 * The message for the form's alert area. Field errors are shown next to their fields, so the alert only points
 * at them, unless the server named a field this form does not have.
 */
export function generalMessage(error: ApiError | null, fields: readonly string[]): string | null {
  if (!error) return null;
  const names = Object.keys(error.fieldErrors);
  if (!names.length) return error.message;
  const elsewhere = names.filter((name) => !fields.includes(name)).flatMap((name) => error.fieldErrors[name]);
  return elsewhere.length ? elsewhere.join(' ') : $localize`:@@form.fixHighlighted:Please fix the highlighted fields.`;
}

/** Messages for a control's client-side validation errors. */
export function describeErrors(errors: ValidationErrors | null): string[] {
  if (!errors) return [];
  return Object.entries(errors).map(([key, value]) => {
    switch (key) {
      case 'required':
        return $localize`:@@form.error.required:This field is required.`;
      case 'minlength':
        return $localize`:@@form.error.minLength:Use at least ${value.requiredLength}:count: characters.`;
      case 'maxlength':
        return $localize`:@@form.error.maxLength:Use at most ${value.requiredLength}:count: characters.`;
      case 'email':
        return $localize`:@@form.error.email:Enter a valid email address.`;
      default:
        return typeof value === 'string' ? value : $localize`:@@form.error.invalid:This value is not valid.`;
    }
  });
}

/**
 * Client errors once the person has typed in the field and left it, or tried to submit; otherwise the server's.
 * Tabbing through fields nobody has typed in yet marks nothing.
 */
export function fieldMessages(control: AbstractControl, submitted: boolean, server: string[] | undefined): string[] {
  const client = (control.touched && control.dirty) || submitted ? describeErrors(control.errors) : [];
  return client.length ? client : (server ?? []);
}

/** Same rule as the server: 3 to 30 of a-z, 0-9, "_" and "." (input is lowercased before sending). */
export const usernameValidator: ValidatorFn = (control) => {
  const value = String(control.value ?? '')
    .trim()
    .toLowerCase();
  if (!value) return null;
  if (value.length < 3 || value.length > 30)
    return { username: $localize`:@@form.error.usernameLength:Use 3 to 30 characters.` };
  return /^[a-z0-9_.]+$/.test(value)
    ? null
    : { username: $localize`:@@form.error.usernameChars:Use only letters, digits, "_" and ".".` };
};

/** Rejects values that are only whitespace (the server trims them to nothing). */
export const notBlankValidator: ValidatorFn = (control) =>
  typeof control.value === 'string' && control.value.length > 0 && !control.value.trim() ? { required: true } : null;
