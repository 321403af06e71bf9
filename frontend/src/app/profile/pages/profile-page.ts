import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { CurrentUserView } from '@contracts/users';
import { Store } from '@ngrx/store';
import type { UpdateMeRequest } from '../../core/api/users-api';
import { authFeature } from '../../core/auth/auth-feature';
import {
  fieldMessages,
  generalMessage,
  notBlankValidator,
  serverFieldErrors,
  usernameValidator,
} from '../../shared/forms/form-errors';
import { Avatar } from '../../shared/ui/avatar';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { FormAlert } from '../../shared/ui/form-alert';
import { Input } from '../../shared/ui/input';
import { ProfilePageActions } from '../profile-actions';
import { profileFeature } from '../profile-feature';

const FIELDS = ['displayName', 'username', 'bio', 'settings.sound', 'settings.readReceipts'] as const;
type TextField = 'displayName' | 'username' | 'bio';

@Component({
  selector: 'app-profile-page',
  imports: [ReactiveFormsModule, Avatar, Button, Field, FormAlert, Input],
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
  }

  protected errorsFor(name: TextField): string[] {
    return fieldMessages(this.form.controls[name], this.submitted(), this.serverErrors()[name]);
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
