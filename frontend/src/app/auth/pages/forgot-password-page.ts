import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';

import { formFeedback } from '../../shared/forms/form-feedback';
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

  private readonly request = this.store.selectSignal(accountFeature.selectForgot);
  protected readonly pending = computed(() => this.request().status === 'pending');
  protected readonly sentMessage = computed(() => this.request().message);
  private readonly error = computed(() => this.request().error);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
  });
  private readonly feedback = formFeedback(this.form, this.error, ['email'] as const);
  protected readonly alert = this.feedback.alert;
  protected readonly errorsFor = this.feedback.errorsFor;

  constructor() {
    this.store.dispatch(ForgotPasswordPageActions.opened());
  }

  protected submit(): void {
    if (!this.feedback.submit()) return;
    const email = this.form.getRawValue().email.trim().toLowerCase();
    this.store.dispatch(ForgotPasswordPageActions.submitted({ email }));
  }
}
