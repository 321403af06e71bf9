import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Store } from '@ngrx/store';

import { authFeature } from '../../core/auth/auth-feature';
import { Button } from '../../shared/ui/button';
import { VerifyEmailBannerActions } from '../account-actions';
import { accountFeature } from '../account-feature';

/** Shown above every signed-in page until the account's email address is verified. */
@Component({
  selector: 'app-verify-email-banner',
  imports: [Button],
  template: `
    @if (user(); as user) {
      @if (!user.emailVerified) {
        <section
          aria-labelledby="verify-email-banner-text"
          class="border-b border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200"
        >
          <div
            class="mx-auto flex max-w-5xl flex-row items-center gap-3 px-3 py-1.5 text-xs sm:gap-4 sm:px-6 sm:py-2.5 sm:text-sm"
          >
            <!-- Long addresses wrap before "@" and "." rather than in the middle of a word. -->
            <p id="verify-email-banner-text" class="min-w-0 flex-1" i18n="@@auth.verifyBanner.text">
              Please verify your email address. We sent a link to
              <strong class="font-semibold break-words">
                @for (part of emailParts(); track $index) {
                  <wbr /><span>{{ part }}</span>
                }</strong
              >.
            </p>
            <div class="flex shrink-0 items-center gap-3">
              <span role="status" class="text-sm">{{ statusText() }}</span>
              <button
                appButton
                type="button"
                variant="secondary"
                size="sm"
                [pending]="sending()"
                [disabled]="sending()"
                (click)="resend()"
                i18n="@@auth.verifyBanner.resend"
              >
                Resend
              </button>
            </div>
          </div>
        </section>
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyEmailBanner {
  private readonly store = inject(Store);
  protected readonly user = this.store.selectSignal(authFeature.selectUser);
  private readonly request = this.store.selectSignal(accountFeature.selectResend);
  protected readonly emailParts = computed(() => this.user()?.email.split(/(?=[@.])/) ?? []);
  protected readonly sending = computed(() => this.request().status === 'pending');
  protected readonly statusText = computed(() => {
    const { status, error } = this.request();
    if (status === 'done') return $localize`:@@auth.verifyBanner.sent:Sent. Check your inbox.`;
    if (status !== 'failed') return '';
    return error?.message ?? $localize`:@@auth.verifyBanner.failed:Could not send the mail.`;
  });

  protected resend(): void {
    this.store.dispatch(VerifyEmailBannerActions.resendClicked());
  }
}
