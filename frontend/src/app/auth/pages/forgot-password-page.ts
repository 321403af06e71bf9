import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
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
import { ForgotPasswordPageActions } from '../account-actions';
import { accountFeature } from '../account-feature';
import { AuthLayout } from '../components/auth-layout';

/** Asks for a reset link by email. The answer is the same whether or not the address has an account. */
@Component({
  selector: 'app-forgot-password-page',
  imports: [ReactiveFormsModule, RouterLink, AuthLayout, Button, Field, FormAlert, Input],
  templateUrl: './forgot-password-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForgotPasswordPage {
  private readonly store = inject(Store);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  private readonly request = this.store.selectSignal(accountFeature.selectForgot);
  protected readonly pending = computed(() => this.request().status === 'pending');
  protected readonly sentMessage = computed(() => this.request().message);
  private readonly error = computed(() => this.request().error);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
  });
  private readonly serverErrors = serverFieldErrors(this.form, this.error);
  private readonly submitted = signal(false);
  protected readonly alert = computed(() => generalMessage(this.error(), ['email']));

  constructor() {
    this.store.dispatch(ForgotPasswordPageActions.opened());
  }

  protected errorsFor(name: 'email'): string[] {
    return fieldMessages(this.form.controls[name], this.submitted(), this.serverErrors()[name]);
  }

  protected submit(): void {
    this.submitted.set(true);
    if (this.form.invalid) {
      afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), {
        injector: this.injector,
      });
      return;
    }
    const email = this.form.getRawValue().email.trim().toLowerCase();
    this.store.dispatch(ForgotPasswordPageActions.submitted({ email }));
  }
}
