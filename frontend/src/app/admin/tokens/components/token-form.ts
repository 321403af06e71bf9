import { ChangeDetectionStrategy, Component, effect, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, type ValidatorFn, Validators } from '@angular/forms';
import { SERVICE_SCOPES, type ServiceScope } from '@contracts/service-tokens';

import type { ApiError } from '../../../core/api/api-error';
import { usernameValidator } from '../../../shared/forms/form-errors';
import { formFeedback } from '../../../shared/forms/form-feedback';
import { Button } from '../../../shared/ui/button';
import { Field } from '../../../shared/ui/field';
import { FormAlert } from '../../../shared/ui/form-alert';
import { Input } from '../../../shared/ui/input';
import type { NewServiceToken } from '../tokens-api';

/** What each scope lets a token do, as the form explains it. */
export const SCOPE_HINTS: Record<ServiceScope, string> = {
  'messages:send': $localize`:@@admin.tokens.scope.messagesSend:Send messages as the service account to anyone active.`,
  'users:read': $localize`:@@admin.tokens.scope.usersRead:Look people up by id, username, e-mail or external id.`,
  'users:write': $localize`:@@admin.tokens.scope.usersWrite:Rename people, deactivate and reactivate them.`,
  'conversations:read': $localize`:@@admin.tokens.scope.conversationsRead:Read a person's unread counts (for a portal's badge).`,
};

const atLeastOne: ValidatorFn = (group) =>
  Object.values(group.value as Record<string, boolean>).some(Boolean)
    ? null
    : { scopes: $localize`:@@admin.tokens.scopeRequired:Choose at least one scope.` };

/** The day after today, the earliest expiry the date picker offers (yyyy-mm-dd, local time). */
function tomorrow(): string {
  const date = new Date(Date.now() + 24 * 60 * 60 * 1000);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** "New token": a name, the service account, the scopes and an optional expiry. */
@Component({
  selector: 'app-token-form',
  imports: [ReactiveFormsModule, Button, Field, FormAlert, Input],
  template: `
    <form
      [formGroup]="form"
      (ngSubmit)="submit()"
      novalidate
      class="space-y-4"
      aria-label="Create a service token"
      i18n-aria-label="@@admin.tokens.form"
    >
      <app-form-alert [message]="alert()" />
      <div class="grid gap-4 sm:grid-cols-2">
        <app-field
          label="Name"
          i18n-label="@@admin.tokens.name"
          for="token-name"
          hint="What it is for. New service accounts show this name in chats."
          i18n-hint="@@admin.tokens.nameHint"
          [errors]="errorsFor('name')"
        >
          <input appInput id="token-name" formControlName="name" type="text" autocomplete="off" maxlength="50" />
        </app-field>
        <app-field
          label="Service account"
          i18n-label="@@admin.tokens.account"
          for="token-account"
          hint="Optional username. An existing service account is reused (to rotate a token)."
          i18n-hint="@@admin.tokens.accountHint"
          [errors]="errorsFor('account')"
        >
          <input
            appInput
            id="token-account"
            formControlName="account"
            type="text"
            autocomplete="off"
            autocapitalize="none"
            spellcheck="false"
            maxlength="30"
          />
        </app-field>
      </div>

      <fieldset formGroupName="scopes" [attr.aria-describedby]="scopeErrors().length ? 'token-scopes-error' : null">
        <legend class="text-sm font-medium text-zinc-800 dark:text-zinc-200" i18n="@@admin.tokens.scopes">
          Scopes
        </legend>
        <div class="mt-2 grid gap-3 sm:grid-cols-2">
          @for (scope of scopes; track scope) {
            <label class="flex cursor-pointer items-start gap-3">
              <input
                type="checkbox"
                [formControlName]="scope"
                class="mt-0.5 size-4 shrink-0 cursor-pointer rounded accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
              />
              <span class="min-w-0 text-sm">
                <code class="block font-medium text-zinc-800 dark:text-zinc-200">{{ scope }}</code>
                <span class="block text-zinc-500 dark:text-zinc-400">{{ hints[scope] }}</span>
              </span>
            </label>
          }
        </div>
        @if (scopeErrors().length) {
          <p id="token-scopes-error" class="mt-1.5 text-sm text-red-600 dark:text-red-400">
            {{ scopeErrors().join(' ') }}
          </p>
        }
      </fieldset>

      <div class="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <app-field
          label="Expires"
          i18n-label="@@admin.tokens.expires"
          for="token-expires"
          hint="Optional. Left empty, it never expires."
          i18n-hint="@@admin.tokens.expiresHint"
          [errors]="errorsFor('expiresOn')"
          class="sm:w-64"
        >
          <input appInput id="token-expires" formControlName="expiresOn" type="date" [min]="earliest" />
        </app-field>
        <button appButton type="submit" [pending]="pending()" [disabled]="pending()">
          @if (pending()) {
            <ng-container i18n="@@admin.tokens.creating">Creating token…</ng-container>
          } @else {
            <ng-container i18n="@@admin.tokens.create">Create token</ng-container>
          }
        </button>
      </div>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TokenForm {
  readonly pending = input(false);
  readonly error = input<ApiError | null>(null);
  /** The id of the token created last; the form empties when it changes. */
  readonly createdId = input<string | null>(null);
  readonly submitted = output<NewServiceToken>();

  protected readonly scopes = SERVICE_SCOPES;
  protected readonly hints = SCOPE_HINTS;
  protected readonly earliest = tomorrow();
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(50)]],
    account: ['', usernameValidator],
    scopes: this.fb.group(
      Object.fromEntries(SERVICE_SCOPES.map((scope) => [scope, scope === 'messages:send'])) as Record<
        ServiceScope,
        boolean
      >,
      { validators: atLeastOne },
    ),
    expiresOn: [''],
  });
  private readonly feedback = formFeedback(this.form, this.error, ['name', 'account', 'scopes', 'expiresOn'] as const);
  protected readonly alert = this.feedback.alert;
  protected readonly errorsFor = this.feedback.errorsFor;
  protected readonly scopeErrors = () => this.errorsFor('scopes');

  constructor() {
    effect(() => {
      if (this.createdId()) this.feedback.reset();
    });
  }

  protected submit(): void {
    if (!this.feedback.submit()) return;
    const { name, account, scopes, expiresOn } = this.form.getRawValue();
    const token: NewServiceToken = {
      name: name.trim(),
      scopes: SERVICE_SCOPES.filter((scope) => scopes[scope]),
    };
    if (account.trim()) token.account = account.trim().toLowerCase();
    // The end of the chosen day, in the admin's time zone.
    if (expiresOn) token.expiresAt = new Date(`${expiresOn}T23:59:59`).toISOString();
    this.submitted.emit(token);
  }
}
