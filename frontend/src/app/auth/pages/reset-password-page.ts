import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { fieldMessages, generalMessage, serverFieldErrors } from '../../shared/forms/form-errors';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { FormAlert } from '../../shared/ui/form-alert';
import { Input } from '../../shared/ui/input';
import { ResetPasswordPageActions } from '../account-actions';
import { accountFeature } from '../account-feature';
import { AuthLayout } from '../components/auth-layout';

/** Opened from the link in the reset mail (?token=): sets a new password, which signs out every session. */
@Component({
  selector: 'app-reset-password-page',
  imports: [ReactiveFormsModule, RouterLink, AuthLayout, Button, Field, FormAlert, Input],
  templateUrl: './reset-password-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPasswordPage {
  private readonly store = inject(Store);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** From the query string (router input binding). */
  readonly token = input<string | undefined>();

  private readonly request = this.store.selectSignal(accountFeature.selectReset);
  protected readonly pending = computed(() => this.request().status === 'pending');
  protected readonly done = computed(() => this.request().status === 'done');
  private readonly error = computed(() => this.request().error);
  protected readonly linkInvalid = computed(() => this.error()?.code === 'reset_link_invalid');
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(8), Validators.maxLength(128)]],
  });
  private readonly serverErrors = serverFieldErrors(this.form, this.error);
  private readonly submitted = signal(false);
  protected readonly alert = computed(() => generalMessage(this.error(), ['password']));

  constructor() {
    this.store.dispatch(ResetPasswordPageActions.opened());
  }

  protected errorsFor(name: 'password'): string[] {
    return fieldMessages(this.form.controls[name], this.submitted(), this.serverErrors()[name]);
  }

  protected submit(): void {
    const token = this.token();
    this.submitted.set(true);
    if (!token) return;
    if (this.form.invalid) {
      afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), {
        injector: this.injector,
      });
      return;
    }
    this.store.dispatch(ResetPasswordPageActions.submitted({ token, password: this.form.getRawValue().password }));
  }
}
