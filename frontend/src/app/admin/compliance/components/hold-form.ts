import { ChangeDetectionStrategy, Component, effect, inject, input, output } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { HoldKind } from '@contracts/compliance';

import type { ApiError } from '../../../core/api/api-error';
import { formFeedback } from '../../../shared/forms/form-feedback';
import { Button } from '../../../shared/ui/button';
import { Field } from '../../../shared/ui/field';
import { FormAlert } from '../../../shared/ui/form-alert';
import { Input } from '../../../shared/ui/input';
import type { NewHold } from '../compliance-api';

/** "Place a hold": on a person (by username or id) or a conversation (by id), with a reason for the record. */
@Component({
  selector: 'app-hold-form',
  imports: [ReactiveFormsModule, Button, Field, FormAlert, Input],
  template: `
    <form
      [formGroup]="form"
      (ngSubmit)="submit()"
      novalidate
      class="space-y-4"
      aria-label="Place a legal hold"
      i18n-aria-label="@@admin.hold.form"
    >
      <app-form-alert [message]="alert()" />
      <fieldset>
        <legend class="text-sm font-medium text-zinc-800 dark:text-zinc-200" i18n="@@admin.hold.kind">Hold on</legend>
        <div class="mt-2 flex flex-wrap gap-x-6 gap-y-2 text-sm text-zinc-800 dark:text-zinc-200">
          <label class="flex cursor-pointer items-center gap-2">
            <input type="radio" formControlName="kind" value="user" class="size-4 accent-indigo-600" />
            <span i18n="@@admin.hold.kindUser">A person (all their conversations)</span>
          </label>
          <label class="flex cursor-pointer items-center gap-2">
            <input type="radio" formControlName="kind" value="conversation" class="size-4 accent-indigo-600" />
            <span i18n="@@admin.hold.kindConversation">One conversation</span>
          </label>
        </div>
      </fieldset>
      <div class="grid gap-4 sm:grid-cols-2">
        <app-field
          [label]="kind() === 'user' ? userLabel : conversationLabel"
          for="hold-target"
          [hint]="kind() === 'user' ? userHint : conversationHint"
          [errors]="errorsFor('target')"
        >
          <input
            appInput
            id="hold-target"
            formControlName="target"
            type="text"
            autocomplete="off"
            autocapitalize="none"
            spellcheck="false"
            maxlength="60"
          />
        </app-field>
        <app-field
          label="Reason"
          i18n-label="@@admin.hold.reason"
          for="hold-reason"
          hint="For the record, e.g. a case number."
          i18n-hint="@@admin.hold.reasonHint"
          [errors]="errorsFor('reason')"
        >
          <input appInput id="hold-reason" formControlName="reason" type="text" autocomplete="off" maxlength="200" />
        </app-field>
      </div>
      <div class="flex justify-end">
        <button appButton type="submit" [pending]="pending()" [disabled]="pending()">
          @if (pending()) {
            <ng-container i18n="@@admin.hold.placing">Placing hold…</ng-container>
          } @else {
            <ng-container i18n="@@admin.hold.place">Place hold</ng-container>
          }
        </button>
      </div>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HoldForm {
  readonly pending = input(false);
  readonly error = input<ApiError | null>(null);
  /** The hold placed last; the form empties when it changes. */
  readonly placedId = input<string | null>(null);
  readonly submitted = output<NewHold>();

  protected readonly userLabel = $localize`:@@admin.hold.user:Username or user id`;
  protected readonly userHint = $localize`:@@admin.hold.userHint:As shown in the user list, e.g. ada.`;
  protected readonly conversationLabel = $localize`:@@admin.hold.conversation:Conversation id`;
  protected readonly conversationHint = $localize`:@@admin.hold.conversationHint:The id at the end of the chat's address (/chat/…).`;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    kind: this.fb.control<HoldKind>('user'),
    target: ['', [Validators.required, Validators.maxLength(60)]],
    reason: ['', Validators.maxLength(200)],
  });
  protected readonly kind = toSignal(this.form.controls.kind.valueChanges, { initialValue: 'user' as HoldKind });
  private readonly feedback = formFeedback(this.form, this.error, ['kind', 'target', 'reason'] as const);
  protected readonly alert = this.feedback.alert;
  protected readonly errorsFor = this.feedback.errorsFor;

  constructor() {
    effect(() => {
      if (this.placedId()) {
        const kind = this.form.controls.kind.value;
        this.feedback.reset();
        this.form.controls.kind.setValue(kind);
      }
    });
  }

  protected submit(): void {
    if (!this.feedback.submit()) return;
    const { kind, target, reason } = this.form.getRawValue();
    this.submitted.emit({ kind, target: target.trim().replace(/^@/, ''), reason: reason.trim() });
  }
}
