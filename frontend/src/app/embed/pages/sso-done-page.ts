import { ChangeDetectionStrategy, Component, DOCUMENT, inject, signal } from '@angular/core';
import type { SsoPopupResult } from '@contracts/embed';

/**
 * The last page of single sign-on in a popup (/embed/sso-done#code=… or #error=…): hands the result to the framed
 * app that opened the popup, on this origin only, and closes. Opened any other way, it has no one to hand it to.
 */
@Component({
  selector: 'app-sso-done-page',
  template: `
    <main class="flex min-h-dvh items-center justify-center p-6 text-center text-sm text-zinc-600 dark:text-zinc-400">
      <p role="status">{{ message() }}</p>
    </main>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SsoDonePage {
  protected readonly message = signal($localize`:@@embed.ssoDone.signingIn:Signing you in…`);

  constructor() {
    const window = inject(DOCUMENT).defaultView!;
    const params = new URLSearchParams(window.location.hash.slice(1));
    const code = params.get('code');
    const result: SsoPopupResult = code
      ? { type: 'chat:sso-code', code }
      : { type: 'chat:sso-error', error: params.get('error') ?? 'sso_idp_error' };
    // Neither the code nor the reason stays in the address bar or history.
    window.history.replaceState(null, '', window.location.pathname);
    if (window.opener) {
      (window.opener as Window).postMessage(result, window.location.origin);
      window.close();
    } else {
      this.message.set(
        $localize`:@@embed.ssoDone.notNeeded:This sign-in window is no longer needed. Close it and go back to the chat.`,
      );
    }
  }
}
