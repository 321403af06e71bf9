import { registerAs } from '@nestjs/config';

import { loadEnv } from './env.validation';

/** Single sign-on with an OpenID Connect provider; `issuer` null means none is configured. */
export const oidcConfig = registerAs('oidc', () => {
  const env = loadEnv();
  return {
    issuer: env.OIDC_ISSUER ?? null,
    clientId: env.OIDC_CLIENT_ID ?? '',
    /** Unset: a public client (PKCE only). */
    clientSecret: env.OIDC_CLIENT_SECRET ?? null,
    label: env.OIDC_LABEL ?? 'single sign-on',
    /** A dot path into the ID token and userinfo claims holding the person's roles, e.g. realm_access.roles. */
    rolesClaim: env.OIDC_ROLES_CLAIM ?? null,
    /** Members of this IdP role are admins here, and stop being admins when the IdP removes it. */
    adminRole: env.OIDC_ADMIN_ROLE ?? null,
    /** The origin the IdP redirects back to; unset: the origin of the request that started the sign-in. */
    appUrl: env.APP_URL?.replace(/\/+$/, '') ?? null,
  };
});
export type OidcConfig = ReturnType<typeof oidcConfig>;
