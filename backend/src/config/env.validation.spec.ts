import { AppModule } from '../app.module';
import { loadEnv, validateEnv } from './env.validation';

describe('environment validation', () => {
  it.each([
    ['MEDIA_MAX_IMAGE_MB', 'abc', 'MEDIA_MAX_IMAGE_MB must be a positive number'],
    ['MEDIA_MAX_VIDEO_MB', '-5', 'MEDIA_MAX_VIDEO_MB must be a positive number'],
    ['TRUST_PROXY', 'maybe', 'TRUST_PROXY must be one of the following values: true, false'],
    [
      'LOG_LEVEL',
      'loud',
      'LOG_LEVEL must be one of the following values: fatal, error, warn, info, debug, trace, silent',
    ],
    ['LOG_PRETTY', 'yes', 'LOG_PRETTY must be one of the following values: true, false'],
    ['REDIS_URL', 'localhost:6379', 'REDIS_URL must be a URL address'],
    ['CLOUDINARY_URL', 'https://cloudinary.com', 'CLOUDINARY_URL must be cloudinary://<key>:<secret>@<cloud>'],
    ['PORT', '80a', 'PORT must be an integer number'],
    ['MONGODB_URI', 'localhost:27017', 'MONGODB_URI must start with mongodb:// or mongodb+srv://'],
    ['SIGNUP', 'everyone', 'SIGNUP must be one of the following values: open, domains, invite, closed'],
    [
      'SIGNUP_DOMAINS',
      'acme.com,@evil',
      'SIGNUP_DOMAINS must be a comma-separated list of domains, e.g. acme.com,acme.de',
    ],
    [
      'SCIM_TOKEN',
      'too short',
      'SCIM_TOKEN must be 32 to 512 printable characters without spaces, e.g. from `openssl rand -hex 32`',
    ],
    [
      'METRICS_TOKEN',
      'too short',
      'METRICS_TOKEN must be 32 to 512 printable characters without spaces, e.g. from `openssl rand -hex 32`',
    ],
    ['DIRECT_MESSAGES', 'anyone', 'DIRECT_MESSAGES must be one of the following values: friends, everyone'],
  ])('refuses %s=%s with one line that names the variable', (name, value, message) => {
    expect(() => loadEnv({ [name]: value })).toThrow(new Error(`Invalid environment: ${message}`));
  });

  it('refuses SIGNUP=domains without SIGNUP_DOMAINS, in one line', () => {
    expect(() => loadEnv({ SIGNUP: 'domains' })).toThrow(
      new Error('Invalid environment: SIGNUP_DOMAINS must list the allowed e-mail domains when SIGNUP=domains'),
    );
    expect(loadEnv({ SIGNUP: 'domains', SIGNUP_DOMAINS: 'acme.com, Acme.DE' }).SIGNUP_DOMAINS).toBe(
      'acme.com, Acme.DE',
    );
  });

  it('refuses PASSWORD_LOGIN=off without single sign-on, and OIDC settings that do not fit together', () => {
    expect(() => loadEnv({ PASSWORD_LOGIN: 'off' })).toThrow(
      new Error('Invalid environment: PASSWORD_LOGIN=off needs single sign-on: set OIDC_ISSUER'),
    );
    expect(() => loadEnv({ OIDC_ISSUER: 'https://idp.example.com/realms/acme' })).toThrow(
      new Error('Invalid environment: OIDC_CLIENT_ID must be set when OIDC_ISSUER is'),
    );
    expect(() => loadEnv({ OIDC_ISSUER: 'idp.example.com', OIDC_CLIENT_ID: 'chat' })).toThrow(
      new Error('Invalid environment: OIDC_ISSUER must be the http(s) URL of the OpenID provider'),
    );
    expect(() => loadEnv({ OIDC_ROLES_CLAIM: 'realm_access.roles' })).toThrow(
      /OIDC_ADMIN_ROLE must name the IdP role that makes an admin when OIDC_ROLES_CLAIM is set/,
    );
    expect(() => loadEnv({ OIDC_ROLES_CLAIM: 'realm_access..roles', OIDC_ADMIN_ROLE: 'chat-admin' })).toThrow(
      /OIDC_ROLES_CLAIM must be a claim path such as realm_access.roles/,
    );
    const env = {
      PASSWORD_LOGIN: 'off',
      OIDC_ISSUER: 'https://idp.example.com/realms/acme',
      OIDC_CLIENT_ID: 'chat',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_ADMIN_ROLE: 'chat-admin',
    };
    expect(loadEnv(env).PASSWORD_LOGIN).toBe('off');
  });

  it('names every bad variable at once, on one line', () => {
    expect(() => validateEnv({ TRUST_PROXY: 'maybe', LOG_LEVEL: 'loud' })).toThrow(
      /^Invalid environment: TRUST_PROXY must be .*; LOG_LEVEL must be [^\n]*$/,
    );
  });

  it('accepts every documented variable with a sane value, numbers converted', () => {
    const env = loadEnv({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '127.0.0.1',
      CORS_ORIGIN: 'https://chat.example.com',
      COOKIE_SECURE: 'true',
      TRUST_PROXY: 'true',
      ADMIN_EMAIL: 'root@example.com',
      DATA_DIR: '/var/lib/chat',
      MONGODB_URI: 'mongodb://db1,db2/chat?replicaSet=rs0',
      EMBEDDED_MONGO_IN_MEMORY: 'false',
      JWT_SECRET: 'x'.repeat(32),
      ACCESS_TOKEN_TTL_SECONDS: '900',
      AUTH_RATE_LIMIT: '20',
      AUTH_RATE_WINDOW_SECONDS: '60',
      REFRESH_REUSE_INTERVAL_SECONDS: '10',
      SMTP_URL: 'smtps://user:pass@smtp.example.com:465',
      MAIL_FROM: 'Chat <chat@example.com>',
      APP_URL: 'https://chat.example.com',
      REQUIRE_VERIFIED_EMAIL: 'true',
      SIGNUP: 'domains',
      SIGNUP_DOMAINS: 'acme.com,acme.de',
      DIRECT_MESSAGES: 'everyone',
      REDIS_URL: 'redis://:secret@redis:6379/0',
      CLOUDINARY_URL: 'cloudinary://123:abc@demo',
      CLOUDINARY_UPLOAD_PREFIX: 'http://127.0.0.1:9999',
      MEDIA_MAX_IMAGE_MB: '2.5',
      MEDIA_MAX_VIDEO_MB: '100',
      VAPID_PUBLIC_KEY: 'B'.repeat(87),
      VAPID_PRIVATE_KEY: 'a'.repeat(43),
      VAPID_SUBJECT: 'mailto:ops@example.com',
      PUSH_ALLOW_HOSTS: 'push.internal 10.0.0.0/8',
      MISSED_MESSAGE_EMAIL_MINUTES: '0.5',
      RETENTION_DAYS: '365',
      LOG_LEVEL: 'debug',
      LOG_PRETTY: 'false',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      MEDIA_MAX_IMAGE_MB: 2.5,
      MEDIA_MAX_VIDEO_MB: 100,
      MISSED_MESSAGE_EMAIL_MINUTES: 0.5,
      RETENTION_DAYS: 365,
      LOG_LEVEL: 'debug',
    });
  });

  it('refuses a retention that is no whole number of days from 1 to 36,500', () => {
    for (const days of ['0', '1.5', '36501', 'forever']) {
      expect(() => validateEnv({ RETENTION_DAYS: days })).toThrow(/RETENTION_DAYS/);
    }
  });

  it('refuses half a VAPID key pair, a subject that is no contact, and a negative e-mail delay', () => {
    expect(() => validateEnv({ VAPID_PUBLIC_KEY: 'B'.repeat(87) })).toThrow(/VAPID_PRIVATE_KEY must be set with/);
    expect(() => validateEnv({ VAPID_PRIVATE_KEY: 'a'.repeat(43) })).toThrow(/VAPID_PUBLIC_KEY must be set with/);
    expect(() => validateEnv({ VAPID_SUBJECT: 'ops@example.com' })).toThrow(
      /VAPID_SUBJECT must be a mailto: or https:/,
    );
    expect(() => validateEnv({ MISSED_MESSAGE_EMAIL_MINUTES: '-1' })).toThrow(/MISSED_MESSAGE_EMAIL_MINUTES/);
  });

  it('treats an empty value as unset', () => {
    expect(loadEnv({ REDIS_URL: '', PORT: '' })).toMatchObject({ REDIS_URL: undefined, PORT: undefined });
  });

  describe('at start-up', () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
    });

    it('stops before any module is built', () => {
      process.env.MEDIA_MAX_IMAGE_MB = 'abc';
      expect(() => AppModule.register()).toThrow('Invalid environment: MEDIA_MAX_IMAGE_MB must be a positive number');
    });
  });
});
