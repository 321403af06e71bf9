import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { Button } from '../../shared/ui/button';

/**
 * "Sign in with <label>": a plain link to the server, which sends the browser on to the identity provider. The
 * provider returns the person to `returnTo`, where the page's usual session restore signs them in.
 */
@Component({
  selector: 'app-sso-sign-in',
  imports: [Button],
  template: `<a appButton variant="secondary" [block]="true" [href]="href()" data-testid="sso-sign-in"
    >Sign in with {{ label() }}</a
  >`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SsoSignIn {
  readonly label = input.required<string>();
  readonly returnTo = input('/');
  protected readonly href = computed(() => `/api/auth/oidc/login?returnTo=${encodeURIComponent(this.returnTo())}`);
}
