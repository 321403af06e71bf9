import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { SessionEndReason } from '@contracts/socket-events';
import { Store } from '@ngrx/store';

import { LoginPageActions } from '../../core/auth/auth-actions';
import { authFeature } from '../../core/auth/auth-feature';
import { safeReturnUrl } from '../../core/auth/auth-guards';
import { authProviders, maySignUp, ssoErrorMessage } from '../../core/auth/auth-providers';
import { EmbedSsoActions } from '../../embed/embed-actions';
import { EmbedWindow } from '../../embed/embed-window';
import { formFeedback } from '../../shared/forms/form-feedback';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { FormAlert } from '../../shared/ui/form-alert';
import { Input } from '../../shared/ui/input';
import { AuthLayout } from '../components/auth-layout';
import { OrDivider } from '../components/or-divider';
import { SsoSignIn } from '../components/sso-sign-in';

const FIELDS = ['login', 'password'] as const;

/** Why the person was sent here, when the server ended their session for a reason they should know. */
const END_NOTICES: Partial<Record<SessionEndReason, string>> = {
  banned: $localize`:@@auth.login.endedBanned:Your account has been suspended by an administrator`,
  account_erased: $localize`:@@auth.login.endedErased:Your account has been deleted`,
  password_reset: $localize`:@@auth.login.endedPasswordReset:Your password was reset, so you were signed out everywhere. Sign in with the new password.`,
  password_changed: $localize`:@@auth.login.endedPasswordChanged:Your password was changed on another device, so you were signed out here. Sign in with the new password.`,
};

@Component({
  selector: 'app-login-page',
  imports: [ReactiveFormsModule, RouterLink, AuthLayout, Button, Field, FormAlert, Input, OrDivider, SsoSignIn],
  templateUrl: './login-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly store = inject(Store);

  protected readonly pending = this.store.selectSignal(authFeature.selectPending);
  private readonly error = this.store.selectSignal(authFeature.selectError);
  protected readonly form = inject(NonNullableFormBuilder).group({
    login: ['', Validators.required],
    password: ['', Validators.required],
  });
  private readonly feedback = formFeedback(this.form, this.error, FIELDS);
  protected readonly alert = this.feedback.alert;
  protected readonly errorsFor = this.feedback.errorsFor;
  private readonly providers = authProviders();
  private readonly query = inject(ActivatedRoute).snapshot.queryParamMap;
  /** Single sign-on's button text, once the server says it is configured. */
  protected readonly ssoLabel = computed(() => this.providers()?.oidc?.label ?? null);
  /** False only when the server said passwords are off (PASSWORD_LOGIN=off): then only single sign-on is shown. */
  protected readonly passwordLogin = computed(() => this.providers()?.password !== false);
  protected readonly returnTo = safeReturnUrl(this.query.get('returnUrl'));
  /** Why the single sign-on the person just came back from failed (?ssoError= from the server's callback). */
  protected readonly ssoError = ssoErrorMessage(this.query.get('ssoError'));
  /** Undefined until the server has said whether sign-up is possible, so neither footer flashes up. */
  protected readonly signupOpen = computed(() =>
    this.providers() === undefined ? undefined : maySignUp(this.providers()),
  );
  private readonly endReason = this.store.selectSignal(authFeature.selectEndReason);
  protected readonly notice = computed(() => {
    const reason = this.endReason();
    return (reason && END_NOTICES[reason]) ?? null;
  });

  /** Inside a portal's frame single sign-on runs in a popup. */
  protected readonly framed = inject(EmbedWindow).framed;

  constructor() {
    this.store.dispatch(LoginPageActions.opened());
  }

  protected signInInPopup(): void {
    this.store.dispatch(EmbedSsoActions.popupRequested());
  }

  protected submit(): void {
    if (!this.feedback.submit()) return;
    const { login, password } = this.form.getRawValue();
    this.store.dispatch(LoginPageActions.submitted({ credentials: { login: login.trim(), password } }));
  }
}
