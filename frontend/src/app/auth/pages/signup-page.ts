import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';

import type { SignupRequest } from '../../core/api/auth-api';
import { SignupPageActions } from '../../core/auth/auth-actions';
import { authFeature } from '../../core/auth/auth-feature';
import { safeReturnUrl } from '../../core/auth/auth-guards';
import { authProviders, maySignUp } from '../../core/auth/auth-providers';
import { usernameValidator } from '../../shared/forms/form-errors';
import { formFeedback } from '../../shared/forms/form-feedback';
import { NEW_PASSWORD_VALIDATORS } from '../../shared/forms/password-rules';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { FormAlert } from '../../shared/ui/form-alert';
import { Input } from '../../shared/ui/input';
import { AuthLayout } from '../components/auth-layout';
import { OrDivider } from '../components/or-divider';
import { SsoSignIn } from '../components/sso-sign-in';

const FIELDS = ['displayName', 'username', 'email', 'password'] as const;

@Component({
  selector: 'app-signup-page',
  imports: [ReactiveFormsModule, RouterLink, AuthLayout, Button, Field, FormAlert, Input, OrDivider, SsoSignIn],
  templateUrl: './signup-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignupPage {
  private readonly store = inject(Store);

  protected readonly pending = this.store.selectSignal(authFeature.selectPending);
  private readonly error = this.store.selectSignal(authFeature.selectError);
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', Validators.maxLength(50)],
    username: ['', [Validators.required, usernameValidator]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', NEW_PASSWORD_VALIDATORS],
  });
  private readonly feedback = formFeedback(this.form, this.error, FIELDS);
  protected readonly alert = this.feedback.alert;
  protected readonly errorsFor = this.feedback.errorsFor;
  private readonly providers = authProviders();
  protected readonly signupOpen = computed(() => maySignUp(this.providers()));
  /** Single sign-on makes accounts too (at the first sign-in): offered here when it is configured. */
  protected readonly ssoLabel = computed(() => this.providers()?.oidc?.label ?? null);
  protected readonly returnTo = safeReturnUrl(inject(ActivatedRoute).snapshot.queryParamMap.get('returnUrl'));
  /** "Use your address at acme.com or acme.de." when SIGNUP limits the domains. */
  protected readonly emailHint = computed(() => {
    const domains = this.providers()?.signup === 'domains' ? (this.providers()?.signupDomains ?? []) : [];
    if (domains.length === 0) return '';
    const list =
      domains.length > 1
        ? $localize`:@@auth.signup.domainList:${domains.slice(0, -1).join(', ')}:first: or ${domains.at(-1)}:last:`
        : domains[0];
    return $localize`:@@auth.signup.emailHint:Use your address at ${list}:domains:.`;
  });

  constructor() {
    this.store.dispatch(SignupPageActions.opened());
  }

  protected submit(): void {
    if (!this.feedback.submit()) return;
    const { displayName, username, email, password } = this.form.getRawValue();
    const details: SignupRequest = { username: username.trim().toLowerCase(), email: email.trim(), password };
    if (displayName.trim()) details.displayName = displayName.trim();
    this.store.dispatch(SignupPageActions.submitted({ details }));
  }
}
