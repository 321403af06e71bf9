import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './processes';

/** Unpacked and built by scripts/test-setup.mjs (scripts/keycloak-dist.mjs), the first step of `npm test`. */
const KEYCLOAK_HOME = join(__dirname, '../../../.cache/keycloak-25.0.6');
export const ADMIN_ROLE = 'chat-admin';

export interface KeycloakUser {
  id: string;
  username: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

/**
 * A real Keycloak for a test suite: its own process, ports and data directory; realms, clients, roles and
 * users are made through the admin REST API. It takes a while to start: start it once per suite, in beforeAll.
 */
export class Keycloak {
  private adminToken: { value: string; until: number } | null = null;

  private constructor(
    readonly url: string,
    private readonly process: ChildProcess,
    private readonly home: string,
    private readonly adminPassword: string,
  ) {}

  /**
   * Production mode on the build made once by the test setup (`start --optimized`): start-dev would redo the build
   * at every start, doubling the ~15 s it takes here. One fixed hostname, so the issuer is the same whether the app or
   * the browser asks, and local caches, so it never looks for a cluster on the network.
   */
  static async start(): Promise<Keycloak> {
    if (!existsSync(join(KEYCLOAK_HOME, '.built-for-tests'))) {
      throw new Error(`Keycloak is not in ${KEYCLOAK_HOME}: run "node scripts/test-setup.mjs" first`);
    }
    const port = await freePort();
    let managementPort = await freePort();
    while (managementPort === port) managementPort = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // Keycloak keeps its data, transaction logs and providers under its home directory: a throwaway one per start.
    const home = mkdtempSync(join(tmpdir(), 'keycloak-test-'));
    mkdirSync(join(home, 'providers'));
    const adminPassword = randomBytes(12).toString('hex');
    const log = openSync(join(home, 'keycloak.log'), 'w');
    const child = spawn(
      join(KEYCLOAK_HOME, 'bin', 'kc.sh'),
      [
        'start',
        '--optimized',
        `--hostname=${url}`,
        '--http-enabled=true',
        '--http-host=127.0.0.1',
        `--http-port=${port}`,
        `--http-management-port=${managementPort}`,
        '--cache=local',
        // kc.sh sets the home directory first; a later -D wins.
        `-Dkc.home.dir=${home}`,
      ],
      {
        // With --optimized, kc.sh execs the JVM: this one process is all there is to stop. It stays in the test's
        // process group, so Ctrl-C on a test run ends it too.
        stdio: ['ignore', log, log],
        // Keycloak 25 creates this first admin (Keycloak 26 renamed the variables KC_BOOTSTRAP_ADMIN_*).
        env: { ...process.env, KEYCLOAK_ADMIN: 'admin', KEYCLOAK_ADMIN_PASSWORD: adminPassword },
      },
    );
    closeSync(log);
    const keycloak = new Keycloak(url, child, home, adminPassword);
    try {
      await keycloak.waitUntilReady();
    } catch (error) {
      await keycloak.stop();
      throw error;
    }
    return keycloak;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) resolve(null);
      else this.process.once('exit', resolve);
    });
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    rmSync(this.home, { recursive: true, force: true });
  }

  /** A realm with a confidential client "chat" (apps are let in with `allowApp`), and the realm role chat-admin. */
  async createRealm(): Promise<KeycloakRealm> {
    const realm = `chat-${randomBytes(4).toString('hex')}`;
    await this.admin('POST', '/admin/realms', { realm, enabled: true });
    await this.admin('POST', `/admin/realms/${realm}/roles`, { name: ADMIN_ROLE });
    const clientSecret = randomBytes(16).toString('hex');
    await this.admin('POST', `/admin/realms/${realm}/clients`, {
      clientId: 'chat',
      name: 'Portal Chat',
      protocol: 'openid-connect',
      publicClient: false,
      clientAuthenticatorType: 'client-secret',
      secret: clientSecret,
      standardFlowEnabled: true,
      directAccessGrantsEnabled: false,
      redirectUris: [],
      attributes: { 'pkce.code.challenge.method': 'S256' },
      // Keycloak puts realm roles in the access token only; the app reads the ID token and userinfo.
      protocolMappers: [
        {
          name: 'realm roles for the app',
          protocol: 'openid-connect',
          protocolMapper: 'oidc-usermodel-realm-role-mapper',
          config: {
            'claim.name': 'realm_access.roles',
            multivalued: 'true',
            'jsonType.label': 'String',
            'id.token.claim': 'true',
            'userinfo.token.claim': 'true',
            'access.token.claim': 'false',
          },
        },
      ],
    });
    return new KeycloakRealm(this, realm, clientSecret);
  }

  /** One admin REST API call (as the master realm's admin); the parsed JSON answer, or the Response without one. */
  async admin<T = unknown>(method: string, path: string, body?: unknown): Promise<{ body: T; response: Response }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await this.token()}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`Keycloak ${method} ${path}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return { body: (text ? JSON.parse(text) : undefined) as T, response };
  }

  /** The admin's token lives a minute: a new one a little before it ends. */
  private async token(): Promise<string> {
    if (this.adminToken && this.adminToken.until > Date.now()) return this.adminToken.value;
    const response = await fetch(`${this.url}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'admin-cli',
        username: 'admin',
        password: this.adminPassword,
      }),
    });
    if (!response.ok) throw new Error(`Keycloak admin token: ${response.status} ${await response.text()}`);
    const { access_token: value, expires_in: expiresIn } = (await response.json()) as {
      access_token: string;
      expires_in: number;
    };
    this.adminToken = { value, until: Date.now() + (expiresIn - 15) * 1000 };
    return value;
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline && this.process.exitCode === null && this.process.signalCode === null) {
      const ready = await fetch(`${this.url}/realms/master/.well-known/openid-configuration`).then(
        (res) => res.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const log = readFileSync(join(this.home, 'keycloak.log'), 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`Keycloak at ${this.url} did not start:\n${log}`);
  }
}

interface ClientRepresentation {
  id: string;
  redirectUris: string[];
  attributes: Record<string, string>;
}

let people = 0;

export class KeycloakRealm {
  readonly clientId = 'chat';
  readonly issuer: string;

  constructor(
    private readonly keycloak: Keycloak,
    readonly name: string,
    readonly clientSecret: string,
  ) {
    this.issuer = `${keycloak.url}/realms/${name}`;
  }

  /** The app's OIDC settings for this realm. */
  appEnv(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      OIDC_ISSUER: this.issuer,
      OIDC_CLIENT_ID: this.clientId,
      OIDC_CLIENT_SECRET: this.clientSecret,
      OIDC_LABEL: 'Keycloak',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_ADMIN_ROLE: ADMIN_ROLE,
      ...overrides,
    };
  }

  /** A person in the realm with a verified address and a password (and the given realm roles). */
  async addUser(roles: string[] = []): Promise<KeycloakUser> {
    people += 1;
    const username = `kc${Date.now().toString(36)}${people}`;
    const user = {
      username,
      email: `${username}@acme.example`,
      password: `pw-${randomBytes(6).toString('hex')}`,
      firstName: 'Kim',
      lastName: `Person${people}`,
    };
    const { response } = await this.keycloak.admin('POST', `/admin/realms/${this.name}/users`, {
      username: user.username,
      email: user.email,
      emailVerified: true,
      enabled: true,
      firstName: user.firstName,
      lastName: user.lastName,
      credentials: [{ type: 'password', value: user.password, temporary: false }],
    });
    const id = response.headers.get('location')!.split('/').pop()!;
    for (const role of roles) await this.grantRole(id, role);
    return { id, ...user };
  }

  /** Registers an app's callback and post-logout redirect (/login) at the client. */
  async allowApp(appUrl: string): Promise<void> {
    const clients = `/admin/realms/${this.name}/clients`;
    const [client] = (await this.keycloak.admin<ClientRepresentation[]>('GET', `${clients}?clientId=chat`)).body;
    const logoutUris = client.attributes['post.logout.redirect.uris'];
    await this.keycloak.admin('PUT', `${clients}/${client.id}`, {
      ...client,
      redirectUris: [...client.redirectUris, `${appUrl}/api/auth/oidc/callback`],
      attributes: {
        ...client.attributes,
        'post.logout.redirect.uris': [...(logoutUris ? logoutUris.split('##') : []), `${appUrl}/login`].join('##'),
      },
    });
  }

  async grantRole(userId: string, role: string): Promise<void> {
    await this.keycloak.admin('POST', this.roleMappings(userId), [await this.role(role)]);
  }

  async revokeRole(userId: string, role: string): Promise<void> {
    await this.keycloak.admin('DELETE', this.roleMappings(userId), [await this.role(role)]);
  }

  private async role(name: string): Promise<unknown> {
    return (await this.keycloak.admin('GET', `/admin/realms/${this.name}/roles/${name}`)).body;
  }

  private roleMappings(userId: string): string {
    return `/admin/realms/${this.name}/users/${userId}/role-mappings/realm`;
  }
}
