import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';

import { formFeedback } from '../../shared/forms/form-feedback';
import { NEW_PASSWORD_VALIDATORS } from '../../shared/forms/password-rules';
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

  /** From the query string (router input binding). */
  readonly token = input<string | undefined>();

  private readonly request = this.store.selectSignal(accountFeature.selectReset);
  protected readonly pending = computed(() => this.request().status === 'pending');
  protected readonly done = computed(() => this.request().status === 'done');
  private readonly error = computed(() => this.request().error);
  protected readonly linkInvalid = computed(() => this.error()?.code === 'reset_link_invalid');
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', NEW_PASSWORD_VALIDATORS],
  });
  private readonly feedback = formFeedback(this.form, this.error, ['password'] as const);
  protected readonly alert = this.feedback.alert;
  protected readonly errorsFor = this.feedback.errorsFor;

  constructor() {
    this.store.dispatch(ResetPasswordPageActions.opened());
  }

  protected submit(): void {
    const token = this.token();
    if (!this.feedback.submit() || !token) return;
    this.store.dispatch(ResetPasswordPageActions.submitted({ token, password: this.form.getRawValue().password }));
  }
}
