import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@contracts/webhooks';

import type { ApiError } from '../../../core/api/api-error';
import { formFeedback } from '../../../shared/forms/form-feedback';
import { Button } from '../../../shared/ui/button';
import { Field } from '../../../shared/ui/field';
import { FormAlert } from '../../../shared/ui/form-alert';
import { Input } from '../../../shared/ui/input';
import type { NewWebhook } from '../webhooks-api';

/** What each event means, for the checkboxes. */
const EVENT_HINTS: Record<WebhookEventType, string> = {
  'message.created': $localize`:@@admin.webhooks.event.messageCreated:A message was sent`,
  'message.updated': $localize`:@@admin.webhooks.event.messageUpdated:A message was edited, or its picture removed`,
  'message.deleted': $localize`:@@admin.webhooks.event.messageDeleted:A message was deleted`,
  'user.created': $localize`:@@admin.webhooks.event.userCreated:An account was created (sign-up, invitation, SCIM, SSO)`,
  'user.updated': $localize`:@@admin.webhooks.event.userUpdated:A profile, identity or role changed`,
  'user.deactivated': $localize`:@@admin.webhooks.event.userDeactivated:An account was banned or deprovisioned`,
  'user.deleted': $localize`:@@admin.webhooks.event.userDeleted:An account was erased`,
  'friendship.created': $localize`:@@admin.webhooks.event.friendshipCreated:A friend request was accepted`,
};

/** "Register an endpoint": the URL, the events it wants, and optionally a secret of its own. */
@Component({
  selector: 'app-webhook-form',
  imports: [ReactiveFormsModule, Button, Field, FormAlert, Input],
  template: `
    <form
      [formGroup]="form"
      (ngSubmit)="submit()"
      novalidate
      class="space-y-4"
      aria-label="Register an endpoint"
      i18n-aria-label="@@admin.webhooks.form.label"
    >
      <app-form-alert [message]="alert()" />
      <app-field
        label="Endpoint URL"
        i18n-label="@@admin.webhooks.url"
        for="webhook-url"
        hint="https, reachable from this server. Private addresses only when WEBHOOK_ALLOW_HOSTS allows them."
        i18n-hint="@@admin.webhooks.urlHint"
        [errors]="errorsFor('url')"
      >
        <input
          appInput
          id="webhook-url"
          formControlName="url"
          type="url"
          inputmode="url"
          autocomplete="off"
          spellcheck="false"
          maxlength="2048"
          placeholder="https://portal.example.com/hooks/chat"
          i18n-placeholder="@@admin.webhooks.urlPlaceholder"
          required
        />
      </app-field>
      <fieldset [attr.aria-describedby]="eventsError() ? 'webhook-events-error' : null">
        <legend class="text-sm font-medium text-zinc-800 dark:text-zinc-200" i18n="@@admin.webhooks.events">
          Events
        </legend>
        <div class="mt-2 grid gap-2 sm:grid-cols-2">
          @for (type of types; track type) {
            <label class="flex cursor-pointer items-start gap-3">
              <input
                type="checkbox"
                [checked]="selected().includes(type)"
                (change)="toggle(type)"
                [attr.data-event]="type"
                class="mt-0.5 size-4 shrink-0 cursor-pointer rounded accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
              />
              <span class="min-w-0 text-sm">
                <span class="block font-mono text-[13px] font-medium text-zinc-800 dark:text-zinc-200">{{ type }}</span>
                <span class="block text-zinc-500 dark:text-zinc-400">{{ hints[type] }}</span>
              </span>
            </label>
          }
        </div>
        @if (eventsError()) {
          <p
            id="webhook-events-error"
            class="mt-2 text-sm text-red-600 dark:text-red-400"
            i18n="@@admin.webhooks.eventRequired"
          >
            Choose at least one event.
          </p>
        }
      </fieldset>
      <app-field
        label="Signing secret"
        i18n-label="@@admin.webhooks.secretLabel"
        for="webhook-secret"
        hint="Optional: whsec_ and base64. Leave empty and we make one."
        i18n-hint="@@admin.webhooks.secretHint"
        [errors]="errorsFor('secret')"
      >
        <input
          appInput
          id="webhook-secret"
          formControlName="secret"
          type="text"
          autocomplete="off"
          spellcheck="false"
          class="font-mono"
        />
      </app-field>
      <div class="flex justify-end">
        <button appButton type="submit" [pending]="pending()" [disabled]="pending()">
          @if (pending()) {
            <ng-container i18n="@@admin.webhooks.registering">Registering…</ng-container>
          } @else {
            <ng-container i18n="@@admin.webhooks.submit">Register endpoint</ng-container>
          }
        </button>
      </div>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WebhookForm {
  readonly pending = input(false);
  readonly error = input<ApiError | null>(null);
  /** The id of the endpoint registered last; the form empties when it changes. */
  readonly registeredId = input<string | null>(null);
  readonly submitted = output<NewWebhook>();

  protected readonly types = WEBHOOK_EVENT_TYPES;
  protected readonly hints = EVENT_HINTS;
  protected readonly selected = signal<WebhookEventType[]>(['message.created']);
  protected readonly eventsError = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    url: ['', [Validators.required, Validators.maxLength(2048), Validators.pattern(/^https?:\/\/\S+$/i)]],
    secret: ['', Validators.pattern(/^(whsec_[A-Za-z0-9+/=]+)?$/)],
  });
  private readonly feedback = formFeedback(this.form, this.error, ['url', 'events', 'secret'] as const);
  protected readonly alert = this.feedback.alert;
  protected readonly errorsFor = this.feedback.errorsFor;

  constructor() {
    effect(() => {
      if (!this.registeredId()) return;
      this.form.reset();
      this.selected.set(['message.created']);
    });
  }

  protected toggle(type: WebhookEventType): void {
    this.selected.update((events) => (events.includes(type) ? events.filter((e) => e !== type) : [...events, type]));
    this.eventsError.set(false);
  }

  protected submit(): void {
    const noEvents = this.selected().length === 0;
    this.eventsError.set(noEvents);
    if (!this.feedback.submit() || noEvents) return;
    const { url, secret } = this.form.getRawValue();
    const events = WEBHOOK_EVENT_TYPES.filter((type) => this.selected().includes(type));
    this.submitted.emit({ url: url.trim(), events, ...(secret.trim() ? { secret: secret.trim() } : {}) });
  }
}
