import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';

import { InvitationPageActions } from '../../core/auth/auth-actions';
import { authFeature } from '../../core/auth/auth-feature';
import { formFeedback } from '../../shared/forms/form-feedback';
import { NEW_PASSWORD_VALIDATORS } from '../../shared/forms/password-rules';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { FormAlert } from '../../shared/ui/form-alert';
import { Input } from '../../shared/ui/input';
import { AuthLayout } from '../components/auth-layout';

/** Opened from the link in an admin's invitation mail (?token=): the invitee chooses a password and is signed in. */
@Component({
  selector: 'app-accept-invitation-page',
  imports: [ReactiveFormsModule, RouterLink, AuthLayout, Button, Field, FormAlert, Input],
  templateUrl: './accept-invitation-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AcceptInvitationPage {
  private readonly store = inject(Store);

  /** From the query string (router input binding). */
  readonly token = input<string | undefined>();

  protected readonly pending = this.store.selectSignal(authFeature.selectPending);
  private readonly error = this.store.selectSignal(authFeature.selectError);
  protected readonly linkInvalid = computed(() => this.error()?.code === 'invitation_invalid');
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', NEW_PASSWORD_VALIDATORS],
  });
  private readonly feedback = formFeedback(this.form, this.error, ['password'] as const);
  protected readonly alert = this.feedback.alert;
  protected readonly errorsFor = this.feedback.errorsFor;

  constructor() {
    this.store.dispatch(InvitationPageActions.opened());
  }

  protected submit(): void {
    const token = this.token();
    if (!this.feedback.submit() || !token) return;
    this.store.dispatch(InvitationPageActions.submitted({ token, password: this.form.getRawValue().password }));
  }
}
