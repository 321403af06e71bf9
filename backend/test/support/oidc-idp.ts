import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type KoaContextWithOIDC, Provider } from 'oidc-provider';

/** The claims a test gives a person at the IdP (sub is the key). */
export type IdpAccount = Record<string, unknown>;

/**
 * An OpenID provider in the test process (oidc-provider), with a client "chat" for the app. It signs in whoever
 * `loginAs` names without a form, and `tamperNextIdToken` rewrites (and re-signs) the next ID token it issues, so
 * the relying party's checks can be tried one by one.
 */
export class TestIdp {
  readonly accounts = new Map<string, IdpAccount>();
  loginAs = '';
  private tamper: ((claims: Record<string, unknown>) => Record<string, unknown>) | null = null;
  private provider!: Provider;
  private readonly key: KeyObject;
  private readonly kid = 'test-key';

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {
    this.key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }

  /** Listens first, so the app can be configured with the issuer; `register` then adds the app's client. */
  static async listen(): Promise<TestIdp> {
    let handler = (_req: IncomingMessage, res: ServerResponse): void => void res.writeHead(503).end();
    const server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const idp = new TestIdp(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    idp.setHandler = (next) => (handler = next);
    return idp;
  }

  private setHandler!: (handler: (req: IncomingMessage, res: ServerResponse) => void) => void;

  register(appUrl: string): void {
    const jwk = { ...this.key.export({ format: 'jwk' }), kid: this.kid, use: 'sig', alg: 'RS256' };
    // Its start-up advice (in-memory adapter, development keys) is for production set-ups, not a test's.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    this.provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: 'chat',
          client_secret: 'chat-secret',
          redirect_uris: [`${appUrl}/api/auth/oidc/callback`],
          post_logout_redirect_uris: [`${appUrl}/login`],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
        },
      ],
      jwks: { keys: [jwk as never] },
      pkce: { required: () => true, methods: ['S256'] },
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name', 'preferred_username', 'realm_access'],
      },
      findAccount: (_ctx: KoaContextWithOIDC, sub: string) => {
        const account = this.accounts.get(sub);
        return account ? { accountId: sub, claims: () => ({ sub, ...account }) } : undefined;
      },
      interactions: {
        url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
      issueRefreshToken: () => true,
      ttl: {
        AccessToken: 600,
        AuthorizationCode: 60,
        IdToken: 600,
        Interaction: 600,
        RefreshToken: 3600,
        Grant: 3600,
        Session: 3600,
      },
      cookies: { keys: ['test-idp-cookie-key'] },
      // A first-party app: no consent screen.
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client!.clientId,
          accountId: ctx.oidc.session!.accountId,
        });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
    });
    warn.mockRestore();
    this.provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
      if (ctx.path.startsWith('/interaction/')) {
        const login = { accountId: this.loginAs };
        ctx.status = 303;
        ctx.redirect(await this.provider.interactionResult(ctx.req, ctx.res, { login }));
        return;
      }
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (ctx.path === '/token' && this.tamper && body?.id_token) {
        ctx.body = { ...body, id_token: this.sign(this.tamper(decode(body.id_token))) };
        this.tamper = null;
      }
    });
    this.setHandler(this.provider.callback());
  }

  tamperNextIdToken(change: (claims: Record<string, unknown>) => Record<string, unknown>): void {
    this.tamper = change;
  }

  /**
   * What a browser does between the app's 302 to the IdP and the IdP's 302 back: returns the app callback URL the
   * IdP redirects to (with code and state), signed in as `loginAs`.
   */
  async authorize(authorizationUrl: string): Promise<URL> {
    const jar = new Map<string, string>();
    let url = authorizationUrl;
    for (let hop = 0; hop < 10; hop++) {
      const res = await fetch(url, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
      });
      for (const cookie of res.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      const location = res.headers.get('location');
      if (!location) throw new Error(`The IdP answered ${res.status} at ${url}: ${await res.text()}`);
      const next = new URL(location, url);
      if (!next.href.startsWith(this.issuer)) return next;
      url = next.href;
    }
    throw new Error('The IdP redirected too often');
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private sign(claims: Record<string, unknown>): string {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${part({ alg: 'RS256', typ: 'JWT', kid: this.kid })}.${part(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), this.key).toString('base64url')}`;
  }
}

function decode(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}
