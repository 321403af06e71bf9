import type { KeycloakUser } from './keycloak';

/**
 * A person's browser as Keycloak sees it, without a browser: one cookie jar (so Keycloak's own session carries from
 * one sign-in to the next), redirects followed by hand, and the real login form posted.
 */
export class KeycloakVisitor {
  private readonly cookies = new Map<string, string>();

  /**
   * Opens the app's authorization URL at Keycloak and returns where Keycloak sends the browser back to (the app's
   * callback). Signs in through the login form when Keycloak asks; `user` may be left out when the Keycloak session
   * should already be there.
   */
  async authorize(authorizationUrl: string, user?: KeycloakUser): Promise<URL> {
    const page = await this.get(authorizationUrl);
    if (page.status === 302) return new URL(page.headers.get('location')!);
    const html = await page.text();
    const action = /<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (page.status !== 200 || !action) throw new Error(`Keycloak showed no login form (${page.status}): ${html}`);
    if (!user) throw new Error('Keycloak asks for a password: it has no session for this visitor');
    const posted = await this.send(decodeEntities(action), {
      method: 'POST',
      body: new URLSearchParams({ username: user.username, password: user.password, credentialId: '' }),
    });
    if (posted.status !== 302)
      throw new Error(`Keycloak refused the login form (${posted.status}): ${await posted.text()}`);
    return new URL(posted.headers.get('location')!);
  }

  /** True when Keycloak would ask this visitor for their password again (no Keycloak session). */
  async mustSignIn(authorizationUrl: string): Promise<boolean> {
    const page = await this.get(authorizationUrl);
    return page.status === 200 && (await page.text()).includes('id="kc-form-login"');
  }

  /** A GET with the jar, redirects not followed. */
  get(url: string): Promise<Response> {
    return this.send(url, { method: 'GET' });
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1)];
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01.jan.1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}

const decodeEntities = (html: string) => html.replace(/&amp;/g, '&').replace(/&#x3d;/gi, '=');
