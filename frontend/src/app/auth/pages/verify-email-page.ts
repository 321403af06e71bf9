import { ChangeDetectionStrategy, Component, computed, inject, input, type OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';

import { authFeature } from '../../core/auth/auth-feature';
import { Button } from '../../shared/ui/button';
import { FormAlert } from '../../shared/ui/form-alert';
import { Spinner } from '../../shared/ui/spinner';
import { VerifyEmailPageActions } from '../account-actions';
import { accountFeature } from '../account-feature';
import { AuthLayout } from '../components/auth-layout';

/** Where the verification mail's link lands (?token=); works signed in or not. */
@Component({
  selector: 'app-verify-email-page',
  imports: [RouterLink, AuthLayout, Button, FormAlert, Spinner],
  templateUrl: './verify-email-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyEmailPage implements OnInit {
  private readonly store = inject(Store);

  /** From the query string (router input binding). */
  readonly token = input<string | undefined>();

  protected readonly signedIn = this.store.selectSignal(authFeature.selectIsSignedIn);
  private readonly user = this.store.selectSignal(authFeature.selectUser);
  private readonly verify = this.store.selectSignal(accountFeature.selectVerify);
  private readonly resend = this.store.selectSignal(accountFeature.selectResend);

  /** What the page shows: checking, verified (now or before), or a broken link. */
  protected readonly outcome = computed<'checking' | 'verified' | 'failed'>(() => {
    if (!this.token()) return 'failed';
    const { status, error } = this.verify();
    if (status === 'done' || error?.code === 'email_already_verified') return 'verified';
    return status === 'failed' ? 'failed' : 'checking';
  });
  protected readonly verifiedMessage = computed(() => {
    const email = this.verify().email;
    if (this.verify().error?.code === 'email_already_verified')
      return $localize`:@@auth.verify.alreadyVerified:This link was already used: your email address is verified.`;
    return email
      ? $localize`:@@auth.verify.verifiedEmail:Thank you: ${email}:email: is verified.`
      : $localize`:@@auth.verify.verified:Your email address is verified.`;
  });
  protected readonly failureMessage = computed(
    () =>
      this.verify().error?.message ??
      $localize`:@@auth.verify.incomplete:This link is incomplete. Open the link from the mail again.`,
  );
  /** A signed-in person whose address is still unverified can ask for a fresh link right here. */
  protected readonly canResend = computed(() => this.signedIn() && this.user()?.emailVerified === false);
  protected readonly resending = computed(() => this.resend().status === 'pending');
  protected readonly resendSent = computed(() =>
    this.resend().status === 'done'
      ? $localize`:@@auth.verify.resent:We have sent a new link to ${this.user()?.email ?? $localize`:@@auth.verify.yourAddress:your address`}:email:.`
      : null,
  );
  protected readonly resendError = computed(() => this.resend().error?.message ?? null);

  ngOnInit(): void {
    const token = this.token();
    if (token) this.store.dispatch(VerifyEmailPageActions.opened({ token }));
  }

  protected resendLink(): void {
    this.store.dispatch(VerifyEmailPageActions.resendClicked());
  }
}
