import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';

import { Button } from '../../shared/ui/button';

/**
 * "Sign in with <label>": a plain link to the server, which sends the browser on to the identity provider. The
 * provider returns the person to `returnTo`, where the page's usual session restore signs them in. Inside a
 * portal's frame (`popup`) it is a button instead: the sign-in runs in a popup (see the embed effects).
 */
@Component({
  selector: 'app-sso-sign-in',
  imports: [Button, NgTemplateOutlet],
  // The label is the operator's (OIDC_LABEL) and may be long: the button grows instead of overflowing at 320 px.
  template: `@if (popup()) {
      <button
        appButton
        type="button"
        [variant]="only() ? 'primary' : 'secondary'"
        [block]="true"
        class="h-auto min-h-10 py-2 text-center whitespace-normal"
        data-testid="sso-sign-in"
        (click)="popupRequested.emit()"
      >
        <ng-container *ngTemplateOutlet="text" />
      </button>
    } @else {
      <a
        appButton
        [variant]="only() ? 'primary' : 'secondary'"
        [block]="true"
        class="h-auto min-h-10 py-2 text-center whitespace-normal"
        [href]="href()"
        data-testid="sso-sign-in"
        ><ng-container *ngTemplateOutlet="text"
      /></a>
    }
    <ng-template #text>
      @if (signUp()) {
        <ng-container i18n="@@auth.sso.signUpWith">Sign up with {{ label() }}</ng-container>
      } @else {
        <ng-container i18n="@@auth.sso.signInWith">Sign in with {{ label() }}</ng-container>
      }
    </ng-template>`,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SsoSignIn {
  readonly label = input.required<string>();
  readonly returnTo = input('/');
  /** The only way in (PASSWORD_LOGIN=off, or no sign-up form): then it is the page's primary action. */
  readonly only = input(false);
  /** Offered on the sign-up page: "Sign up with …". */
  readonly signUp = input(false);
  /** Sign in through a popup (inside a portal's frame, where the IdP's cookies are not sent). */
  readonly popup = input(false);
  readonly popupRequested = output();
  protected readonly href = computed(() => `/api/auth/oidc/login?returnTo=${encodeURIComponent(this.returnTo())}`);
}
