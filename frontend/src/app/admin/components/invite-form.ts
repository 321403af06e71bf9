import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { AdminUserView } from '@contracts/users';

import type { ApiError } from '../../core/api/api-error';
import { formFeedback } from '../../shared/forms/form-feedback';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { FormAlert } from '../../shared/ui/form-alert';
import { Input } from '../../shared/ui/input';
import type { InviteRequest } from '../admin-api';

/** "Invite someone": an e-mail, an optional name and the admin role; the person gets a link to choose a password. */
@Component({
  selector: 'app-invite-form',
  imports: [ReactiveFormsModule, Button, Field, FormAlert, Input],
  template: `
    <form
      [formGroup]="form"
      (ngSubmit)="submit()"
      novalidate
      class="space-y-4"
      aria-label="Invite someone"
      i18n-aria-label="@@admin.invite.form.label"
    >
      <app-form-alert [message]="alert()" />
      <app-form-alert tone="success" [message]="success()" />
      <div class="grid gap-4 sm:grid-cols-2">
        <app-field label="Email" i18n-label="@@admin.invite.email" for="invite-email" [errors]="errorsFor('email')">
          <input
            appInput
            id="invite-email"
            formControlName="email"
            type="email"
            autocomplete="off"
            autocapitalize="none"
            spellcheck="false"
            maxlength="254"
            required
          />
        </app-field>
        <app-field
          label="Name"
          i18n-label="@@admin.invite.name"
          for="invite-name"
          hint="Optional. How others see them."
          i18n-hint="@@admin.invite.nameHint"
          [errors]="errorsFor('displayName')"
        >
          <input
            appInput
            id="invite-name"
            formControlName="displayName"
            type="text"
            autocomplete="off"
            maxlength="50"
          />
        </app-field>
      </div>
      <div class="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
        <label class="flex cursor-pointer items-start gap-3">
          <input
            type="checkbox"
            formControlName="admin"
            class="mt-0.5 size-4 shrink-0 cursor-pointer rounded accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
          />
          <span class="text-sm">
            <span class="block font-medium text-zinc-800 dark:text-zinc-200" i18n="@@admin.invite.admin"
              >Administrator</span
            >
            <span class="block text-zinc-500 dark:text-zinc-400" i18n="@@admin.invite.adminHint"
              >They can manage users and see the audit log.</span
            >
          </span>
        </label>
        <button appButton type="submit" [pending]="pending()" [disabled]="pending()">
          @if (pending()) {
            <ng-container i18n="@@admin.invite.sending">Sending invitation…</ng-container>
          } @else {
            <ng-container i18n="@@admin.invite.submit">Send invitation</ng-container>
          }
        </button>
      </div>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InviteForm {
  readonly pending = input(false);
  readonly error = input<ApiError | null>(null);
  /** Who was invited last; the form empties when this changes. */
  readonly invited = input<AdminUserView | null>(null);
  readonly submitted = output<InviteRequest>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    displayName: ['', Validators.maxLength(50)],
    admin: [false],
  });
  private readonly feedback = formFeedback(this.form, this.error, ['email', 'displayName'] as const);
  protected readonly alert = this.feedback.alert;
  protected readonly errorsFor = this.feedback.errorsFor;
  protected readonly success = computed(() => {
    const user = this.invited();
    return user
      ? $localize`:@@admin.invite.sent:Invitation sent to ${user.email}:email:. They can sign in as @${user.username}:username: once they chose a password.`
      : null;
  });

  constructor() {
    effect(() => {
      if (this.invited()) this.form.reset();
    });
  }

  protected submit(): void {
    if (!this.feedback.submit()) return;
    const { email, displayName, admin } = this.form.getRawValue();
    const invitation: InviteRequest = { email: email.trim(), roles: admin ? ['user', 'admin'] : ['user'] };
    if (displayName.trim()) invitation.displayName = displayName.trim();
    this.submitted.emit(invitation);
  }
}
