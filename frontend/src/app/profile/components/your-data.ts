import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';

import type { ApiError } from '../../core/api/api-error';
import { Button } from '../../shared/ui/button';
import { FormAlert } from '../../shared/ui/form-alert';
import { Input } from '../../shared/ui/input';

/**
 * "Download my data" and "Delete my account". Deleting asks in a modal `<dialog>` (focus trapped, Escape closes,
 * focus back on the button): the password, or for accounts from single sign-on, a recent sign-in.
 */
@Component({
  selector: 'app-your-data',
  imports: [Button, FormAlert, Input],
  template: `
    <h2 id="data-heading" class="text-base font-semibold text-zinc-900 dark:text-white" i18n="@@profile.data.heading">
      Your data
    </h2>
    <p class="mt-1 text-sm text-zinc-600 dark:text-zinc-400" i18n="@@profile.data.intro">
      Download everything you have here: your profile, friends, conversations, every message and your uploads, as a ZIP
      of JSON files.
    </p>
    <app-form-alert class="mt-3" [message]="exportError()?.message ?? null" />
    <div class="mt-3 flex flex-wrap gap-2">
      <button
        appButton
        type="button"
        variant="secondary"
        [pending]="exporting()"
        [disabled]="exporting()"
        (click)="download.emit()"
      >
        @if (exporting()) {
          <ng-container i18n="@@profile.data.preparing">Preparing…</ng-container>
        } @else {
          <ng-container i18n="@@profile.data.download">Download my data</ng-container>
        }
      </button>
      <button appButton #eraseButton type="button" variant="danger" (click)="openDialog()" i18n="@@profile.data.erase">
        Delete my account
      </button>
    </div>

    <dialog
      #dialog
      class="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      aria-labelledby="erase-title"
      aria-describedby="erase-description"
      (close)="dialogClosed()"
    >
      <form (submit)="$event.preventDefault(); confirm()" novalidate data-testid="erase-form">
        <div class="space-y-4 p-5 sm:p-6">
          <h2 id="erase-title" class="text-base font-semibold" i18n="@@profile.data.eraseTitle">
            Delete your account?
          </h2>
          <p
            id="erase-description"
            class="text-sm text-zinc-600 dark:text-zinc-400"
            i18n="@@profile.data.eraseDescription"
          >
            Your profile, friends, requests, sessions and uploads are deleted for good. Messages you sent stay with the
            people you wrote to, shown from “Deleted user”. This cannot be undone.
          </p>
          @if (hasOwnPassword()) {
            <div>
              <label
                for="erase-password"
                class="text-sm font-medium text-zinc-800 dark:text-zinc-200"
                i18n="@@profile.data.password"
                >Your password</label
              >
              <input
                appInput
                #password
                id="erase-password"
                class="mt-1.5"
                type="password"
                autocomplete="current-password"
                required
                [attr.aria-invalid]="passwordError() ? 'true' : null"
                [attr.aria-describedby]="passwordError() ? 'erase-password-error' : null"
                (input)="passwordValue.set(password.value)"
              />
              @if (passwordError(); as message) {
                <p id="erase-password-error" class="mt-1.5 text-sm text-red-600 dark:text-red-400">{{ message }}</p>
              }
            </div>
          } @else {
            <p class="text-sm text-zinc-600 dark:text-zinc-400" i18n="@@profile.data.ssoErase">
              Your account signs in through your organisation. To delete it you must have signed in within the last 5
              minutes; if it has been longer, sign out, sign in again and come back here.
            </p>
          }
          <app-form-alert [message]="generalError()" />
        </div>
        <div
          class="flex flex-col-reverse gap-2 rounded-b-2xl border-t border-zinc-200 bg-zinc-50 px-5 py-3 sm:flex-row sm:justify-end sm:px-6 dark:border-zinc-800 dark:bg-zinc-900/60"
        >
          <button appButton type="button" variant="secondary" (click)="closeDialog()" i18n="@@profile.data.cancel">
            Cancel
          </button>
          <button
            appButton
            type="submit"
            variant="danger"
            [pending]="erasing()"
            [disabled]="erasing()"
            i18n="@@profile.data.eraseConfirm"
          >
            Delete my account for good
          </button>
        </div>
      </form>
    </dialog>
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class YourData {
  /** False for accounts from single sign-on or SCIM that never chose a password. */
  readonly hasOwnPassword = input(true);
  readonly exporting = input(false);
  readonly exportError = input<ApiError | null>(null);
  readonly erasing = input(false);
  readonly eraseError = input<ApiError | null>(null);
  readonly download = output<void>();
  readonly eraseOpened = output<void>();
  readonly eraseConfirmed = output<{ password?: string }>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  // read: ElementRef, since the template ref names the Button component on the element, not the element.
  private readonly eraseButton = viewChild('eraseButton', { read: ElementRef<HTMLButtonElement> });
  private readonly passwordInput = viewChild<ElementRef<HTMLInputElement>>('password');
  protected readonly passwordValue = signal('');
  private readonly missingPassword = signal(false);

  /** A missing or wrong password shows at the field; anything else (the last admin, say) above the buttons. */
  protected readonly passwordError = computed(() => {
    if (this.missingPassword()) return $localize`:@@profile.data.passwordMissing:Enter your password`;
    const error = this.eraseError();
    if (!error || !this.hasOwnPassword()) return null;
    return error.fieldErrors['password']?.[0] ?? (error.code === 'reauthentication_required' ? error.message : null);
  });
  protected readonly generalError = computed(() =>
    this.passwordError() || !this.eraseError() ? null : this.eraseError()!.message,
  );

  constructor() {
    // A wrong password: back to the field, so the person can type it again.
    effect(() => {
      if (this.passwordError()) untracked(() => this.passwordInput()?.nativeElement.focus());
    });
  }

  protected openDialog(): void {
    this.eraseOpened.emit();
    this.missingPassword.set(false);
    this.passwordValue.set('');
    const dialog = this.dialog().nativeElement;
    // jsdom has no showModal(); real browsers always do.
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    const field = this.passwordInput()?.nativeElement;
    if (field) {
      field.value = '';
      field.focus();
    }
  }

  protected closeDialog(): void {
    const dialog = this.dialog().nativeElement;
    if (typeof dialog.close === 'function') dialog.close();
    else dialog.removeAttribute('open');
    this.dialogClosed();
  }

  protected dialogClosed(): void {
    // The dialog also closes as the page goes away after the deletion: then there is no button left to focus.
    this.eraseButton()?.nativeElement.focus();
  }

  protected confirm(): void {
    if (this.erasing()) return;
    if (!this.hasOwnPassword()) {
      this.eraseConfirmed.emit({});
      return;
    }
    const password = this.passwordValue();
    this.missingPassword.set(password === '');
    if (password === '') {
      this.passwordInput()?.nativeElement.focus();
      return;
    }
    this.eraseConfirmed.emit({ password });
  }
}
