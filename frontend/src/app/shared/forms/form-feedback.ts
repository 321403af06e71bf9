import { afterNextRender, computed, ElementRef, inject, Injector, type Signal, signal } from '@angular/core';
import type { FormGroup } from '@angular/forms';

import type { ApiError } from '../../core/api/api-error';
import { fieldMessages, generalMessage, serverFieldErrors } from './form-errors';

/**
 * What a form page shows of its errors: messages per field (the field's own checks once submitted, and the
 * server's), and the general alert for errors no field owns. Call it from a component's field initializers.
 */
export function formFeedback<F extends string>(form: FormGroup, error: Signal<ApiError | null>, fields: readonly F[]) {
  const host = inject<ElementRef<HTMLElement>>(ElementRef);
  const injector = inject(Injector);
  const serverErrors = serverFieldErrors(form, error);
  const submitted = signal(false);
  return {
    alert: computed(() => generalMessage(error(), fields)),
    errorsFor: (name: F): string[] => fieldMessages(form.controls[name], submitted(), serverErrors()[name]),
    /** Empties the form for the next entry, without showing "required" on its now empty fields. */
    reset(): void {
      submitted.set(false);
      form.reset();
    },
    /** Marks the form submitted. False when it can't be sent yet; the first invalid field then gets the focus. */
    submit(): boolean {
      submitted.set(true);
      if (form.valid) return true;
      afterNextRender(() => host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), {
        injector,
      });
      return false;
    },
  };
}
