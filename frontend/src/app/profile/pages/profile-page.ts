import { DatePipe } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  signal,
  untracked,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { SessionView } from '@contracts/auth';
import type { CurrentUserView } from '@contracts/users';
import { Store } from '@ngrx/store';

import type { UpdateMeRequest } from '../../core/api/users-api';
import { authFeature } from '../../core/auth/auth-feature';
import { authProviders } from '../../core/auth/auth-providers';
import { NotificationSettings } from '../../notifications/notification-settings';
import {
  fieldMessages,
  generalMessage,
  notBlankValidator,
  serverFieldErrors,
  usernameValidator,
} from '../../shared/forms/form-errors';
import { NEW_PASSWORD_VALIDATORS } from '../../shared/forms/password-rules';
import { Avatar } from '../../shared/ui/avatar';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { FormAlert } from '../../shared/ui/form-alert';
import { Input } from '../../shared/ui/input';
import { PictureEditor } from '../../shared/ui/picture-editor';
import { SsoLink } from '../components/sso-link';
import { YourData } from '../components/your-data';
import { ProfilePageActions } from '../profile-actions';
import { profileFeature } from '../profile-feature';

const FIELDS = ['displayName', 'username', 'bio', 'settings.sound', 'settings.readReceipts'] as const;
type TextField = 'displayName' | 'username' | 'bio';
const PASSWORD_FIELDS = ['currentPassword', 'newPassword'] as const;
type PasswordField = (typeof PASSWORD_FIELDS)[number];

@Component({
  selector: 'app-profile-page',
  imports: [
    ReactiveFormsModule,
    DatePipe,
    Avatar,
    PictureEditor,
    Button,
    Field,
    FormAlert,
    Input,
    NotificationSettings,
    SsoLink,
    YourData,
  ],
  templateUrl: './profile-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfilePage {
  private readonly store = inject(Store);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly user = this.store.selectSignal(authFeature.selectUser);
  protected readonly saving = this.store.selectSignal(profileFeature.selectSaving);
  protected readonly saved = this.store.selectSignal(profileFeature.selectSaved);
  private readonly error = this.store.selectSignal(profileFeature.selectError);
  protected readonly signingOutEverywhere = this.store.selectSignal(profileFeature.selectSigningOutEverywhere);
  private readonly signOutError = this.store.selectSignal(profileFeature.selectSignOutError);
  protected readonly signOutAlert = computed(() => this.signOutError()?.message ?? null);
  protected readonly confirmingSignOutEverywhere = signal(false);
  private readonly providers = authProviders();
  protected readonly ssoLabel = computed(() => this.providers()?.oidc?.label ?? null);
  /** With PASSWORD_LOGIN=off there is no password to change. */
  protected readonly passwordLogin = computed(() => this.providers()?.password !== false);
  protected readonly avatar = this.store.selectSignal(profileFeature.selectAvatar);
  protected readonly exporting = this.store.selectSignal(profileFeature.selectExporting);
  protected readonly exportError = this.store.selectSignal(profileFeature.selectExportError);
  protected readonly erasing = this.store.selectSignal(profileFeature.selectErasing);
  protected readonly eraseError = this.store.selectSignal(profileFeature.selectEraseError);

  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', [Validators.required, notBlankValidator, Validators.maxLength(50)]],
    username: ['', [Validators.required, usernameValidator]],
    bio: ['', Validators.maxLength(280)],
    sound: [true],
    readReceipts: [true],
  });
  private readonly serverErrors = serverFieldErrors(this.form, this.error);
  private readonly submitted = signal(false);
  protected readonly alert = computed(() => generalMessage(this.error(), FIELDS));

  protected readonly passwordForm = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: ['', NEW_PASSWORD_VALIDATORS],
  });
  protected readonly changingPassword = this.store.selectSignal(profileFeature.selectChangingPassword);
  protected readonly passwordChanged = this.store.selectSignal(profileFeature.selectPasswordChanged);
  private readonly passwordError = this.store.selectSignal(profileFeature.selectPasswordError);
  private readonly passwordServerErrors = serverFieldErrors(this.passwordForm, this.passwordError);
  private readonly passwordSubmitted = signal(false);
  protected readonly passwordAlert = computed(() => generalMessage(this.passwordError(), PASSWORD_FIELDS));

  protected readonly sessions = this.store.selectSignal(profileFeature.selectSessions);
  private readonly sessionsError = this.store.selectSignal(profileFeature.selectSessionsError);
  protected readonly sessionsAlert = computed(() => this.sessionsError()?.message ?? null);
  private readonly endingSessionIds = this.store.selectSignal(profileFeature.selectEndingSessionIds);

  constructor() {
    this.store.dispatch(ProfilePageActions.opened());
    // Show the stored account in the form, unless the person is in the middle of editing it.
    effect(() => {
      const user = this.user();
      const saved = this.saved();
      untracked(() => {
        if (user && (saved || !this.form.dirty)) this.form.reset(formValue(user));
      });
    });
    // Saved: the Save button is disabled again and lets go of focus; the person carries on in the form.
    effect(() => {
      if (!this.saved()) return;
      afterNextRender(
        () => {
          const active = document.activeElement;
          if (!active || active === document.body)
            this.host.nativeElement.querySelector<HTMLElement>('#displayName')?.focus();
        },
        { injector: this.injector },
      );
    });
    // A changed password must not linger in the form.
    effect(() => {
      if (!this.passwordChanged()) return;
      untracked(() => {
        this.passwordForm.reset();
        this.passwordSubmitted.set(false);
      });
    });
  }

  protected errorsFor(name: TextField): string[] {
    return fieldMessages(this.form.controls[name], this.submitted(), this.serverErrors()[name]);
  }

  protected passwordErrorsFor(name: PasswordField): string[] {
    return fieldMessages(this.passwordForm.controls[name], this.passwordSubmitted(), this.passwordServerErrors()[name]);
  }

  protected passwordEdited(): void {
    if (this.passwordChanged()) this.store.dispatch(ProfilePageActions.passwordFormEdited());
  }

  protected changePassword(): void {
    this.passwordSubmitted.set(true);
    if (this.passwordForm.invalid) {
      this.focusAfterRender('[data-testid=password-form] [aria-invalid="true"]');
      return;
    }
    this.store.dispatch(ProfilePageActions.passwordChangeSubmitted({ change: this.passwordForm.getRawValue() }));
  }

  protected readonly unknownAddress = $localize`:@@profile.unknownAddress:Unknown address`;

  protected signOutLabel(session: SessionView): string {
    const address = session.ip || $localize`:@@profile.unknownAddressLower:unknown address`;
    return $localize`:@@profile.signOutSessionLabel:Sign out ${session.device}:device: (${address}:address:)`;
  }

  protected isEnding(sessionId: string): boolean {
    return this.endingSessionIds().includes(sessionId);
  }

  protected signOutSession(sessionId: string): void {
    this.store.dispatch(ProfilePageActions.sessionSignOutClicked({ sessionId }));
  }

  protected edited(): void {
    if (this.saved()) this.store.dispatch(ProfilePageActions.edited());
  }

  protected save(): void {
    const user = this.user();
    if (!user) return;
    this.submitted.set(true);
    if (this.form.invalid) {
      this.focusAfterRender('[aria-invalid="true"]');
      return;
    }
    this.store.dispatch(ProfilePageActions.saveSubmitted({ changes: changesFrom(user, this.form.getRawValue()) }));
  }

  protected uploadAvatar(file: File): void {
    this.store.dispatch(ProfilePageActions.avatarUploadConfirmed({ file }));
  }

  protected removeAvatar(): void {
    this.store.dispatch(ProfilePageActions.avatarRemoveClicked());
  }

  protected hasOwnPassword(user: CurrentUserView): boolean {
    return user.origin !== 'sso' && user.origin !== 'scim';
  }

  protected exportData(): void {
    this.store.dispatch(ProfilePageActions.exportClicked());
  }

  protected eraseOpened(): void {
    this.store.dispatch(ProfilePageActions.eraseDialogOpened());
  }

  protected erase({ password }: { password?: string }): void {
    this.store.dispatch(ProfilePageActions.eraseConfirmed(password === undefined ? {} : { password }));
  }

  protected signOut(): void {
    this.store.dispatch(ProfilePageActions.signOutClicked());
  }

  protected askSignOutEverywhere(): void {
    this.confirmingSignOutEverywhere.set(true);
    this.focusAfterRender('#confirm-everywhere-yes');
  }

  protected cancelSignOutEverywhere(): void {
    this.confirmingSignOutEverywhere.set(false);
    this.focusAfterRender('#sign-out-everywhere');
  }

  protected signOutEverywhere(): void {
    this.confirmingSignOutEverywhere.set(false);
    this.store.dispatch(ProfilePageActions.signOutEverywhereClicked());
  }

  private focusAfterRender(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }
}

type ProfileForm = ReturnType<typeof formValue>;

function formValue(user: CurrentUserView) {
  return {
    displayName: user.displayName,
    username: user.username,
    bio: user.bio,
    sound: user.settings.sound,
    readReceipts: user.settings.readReceipts,
  };
}

/** Only what changed, so an untouched username is never re-validated (or re-checked for uniqueness). */
export function changesFrom(user: CurrentUserView, value: ProfileForm): UpdateMeRequest {
  const changes: UpdateMeRequest = {};
  const displayName = value.displayName.trim();
  const username = value.username.trim().toLowerCase();
  const bio = value.bio.trim();
  if (displayName !== user.displayName) changes.displayName = displayName;
  if (username !== user.username) changes.username = username;
  if (bio !== user.bio) changes.bio = bio;
  if (value.sound !== user.settings.sound || value.readReceipts !== user.settings.readReceipts) {
    changes.settings = { sound: value.sound, readReceipts: value.readReceipts };
  }
  return changes;
}
