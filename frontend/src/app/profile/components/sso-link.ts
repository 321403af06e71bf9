import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  effect,
  type ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { Store } from '@ngrx/store';

import { toApiError } from '../../core/api/api-error';
import { AuthApi } from '../../core/api/auth-api';
import { authFeature } from '../../core/auth/auth-feature';
import { ssoErrorMessage } from '../../core/auth/auth-providers';
import { Button } from '../../shared/ui/button';
import { FormAlert } from '../../shared/ui/form-alert';

/**
 * "Link <label>" for an account without single sign-on: its signed-in owner proves who they are at the IdP, which
 * returns them to /profile?linked=sso (or ?ssoError=…). The page is left for the IdP, so there is no state to keep.
 */
@Component({
  selector: 'app-sso-link',
  imports: [Button, FormAlert],
  template: `
    @if (label(); as label) {
      <section
        #section
        tabindex="-1"
        aria-labelledby="sso-heading"
        class="scroll-mt-20 space-y-4 rounded-2xl border outline-none border-zinc-200 bg-white p-5 shadow-sm sm:p-6 dark:border-zinc-800 dark:bg-zinc-900"
        data-testid="sso-link"
      >
        <div>
          <h2
            id="sso-heading"
            class="text-base font-semibold text-zinc-900 dark:text-white"
            i18n="@@profile.sso.heading"
          >
            Single sign-on
          </h2>
          <p class="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            @if (linked()) {
              <ng-container i18n="@@profile.sso.linked"
                >Your account is linked to {{ label }}: you can sign in with it.</ng-container
              >
            } @else {
              <ng-container i18n="@@profile.sso.offer"
                >Link {{ label }} to this account to sign in with it from now on.</ng-container
              >
            }
          </p>
        </div>
        <app-form-alert [message]="error()" />
        <app-form-alert tone="success" [message]="justLinked ? linkedTo(label) : null" />
        @if (!linked()) {
          <button
            appButton
            type="button"
            variant="secondary"
            [pending]="pending()"
            (click)="link()"
            i18n="@@profile.sso.link"
          >
            Link {{ label }}
          </button>
        }
      </section>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  // A block, so the page's vertical spacing between sections applies to it too.
  host: { class: 'block' },
})
export class SsoLink {
  private readonly api = inject(AuthApi);
  private readonly location = inject(DOCUMENT).location;
  private readonly query = new URLSearchParams(this.location.search);
  private readonly user = inject(Store).selectSignal(authFeature.selectUser);

  /** The IdP's name (OIDC_LABEL); null while unknown or without single sign-on, and then nothing is shown. */
  readonly label = input<string | null>(null);
  protected readonly linked = computed(() => Boolean(this.user()?.externalId));
  protected readonly justLinked = this.query.get('linked') === 'sso';
  protected readonly pending = signal(false);
  protected readonly error = signal(ssoErrorMessage(this.query.get('ssoError')));
  private readonly section = viewChild<ElementRef<HTMLElement>>('section');

  protected linkedTo(label: string): string {
    return $localize`:@@profile.sso.justLinked:Linked to ${label}:provider:.`;
  }

  constructor() {
    // Back from the IdP (linked, or refused): the person continues here, not at the top of the page.
    if (!this.justLinked && !this.error()) return;
    const arrived = effect(() => {
      const section = this.section()?.nativeElement;
      if (!section) return;
      section.focus();
      arrived.destroy();
    });
  }

  protected link(): void {
    this.pending.set(true);
    this.error.set(null);
    this.api.linkSso().subscribe({
      next: ({ url }) => this.location.assign(url),
      error: (error: unknown) => {
        this.pending.set(false);
        this.error.set(toApiError(error).message);
      },
    });
  }
}
