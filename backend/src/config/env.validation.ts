import { resolve } from 'node:path';

import { plainToInstance } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  validateSync,
} from 'class-validator';

import { DIRECT_MESSAGE_MODES, SIGNUP_MODES } from '../contracts/auth';
import { isOrigin } from './origins';

const BOOLEAN = ['true', 'false'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const DOMAIN = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+';
/** Comma-separated ASCII domain names such as "acme.com,acme.de" (IDNs in their xn-- form). */
const DOMAIN_LIST = new RegExp(`^\\s*${DOMAIN}(\\s*,\\s*${DOMAIN})*\\s*$`, 'i');

/** Host names, IPv4 or IPv6 addresses and CIDRs, separated by commas or spaces. */
const ALLOW_HOST = '(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|[0-9.]+(?:/\\d{1,2})?|\\[?[0-9a-f:.]+\\]?(?:/\\d{1,3})?)';
const ALLOW_HOSTS = new RegExp(`^[\\s,]*${ALLOW_HOST}(?:[\\s,]+${ALLOW_HOST})*[\\s,]*$`, 'i');

/** Every environment variable the backend reads, typed after conversion. A bad value stops the start. */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test']) NODE_ENV?: 'development' | 'production' | 'test';
  @IsOptional() @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() HOST?: string;
  @IsOptional() @IsString() CORS_ORIGIN?: string;
  @IsOptional() @IsIn(BOOLEAN) COOKIE_SECURE?: string;
  @IsOptional() @IsIn(BOOLEAN) TRUST_PROXY?: string;
  @IsOptional() @IsEmail() ADMIN_EMAIL?: string;
  @IsOptional() @IsString() DATA_DIR?: string;

  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\//, { message: 'MONGODB_URI must start with mongodb:// or mongodb+srv://' })
  MONGODB_URI?: string;
  @IsOptional() @IsIn(BOOLEAN) EMBEDDED_MONGO_IN_MEMORY?: string;

  @IsOptional() @IsString() FRONTEND_DIR?: string;
  @IsOptional() @IsString() @MinLength(32) JWT_SECRET?: string;
  @IsOptional() @IsInt() @Min(60) ACCESS_TOKEN_TTL_SECONDS?: number;
  @IsOptional() @IsInt() @Min(1) AUTH_RATE_LIMIT?: number;
  @IsOptional() @IsInt() @Min(1) AUTH_RATE_WINDOW_SECONDS?: number;
  @IsOptional() @IsInt() @Min(0) REFRESH_REUSE_INTERVAL_SECONDS?: number;
  @IsOptional() @IsInt() @Min(1) SERVICE_TOKEN_RATE_LIMIT?: number;

  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;
  @IsOptional() @IsString() MAIL_FROM?: string;
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true }) APP_URL?: string;
  @IsOptional() @IsIn(BOOLEAN) REQUIRE_VERIFIED_EMAIL?: string;

  @IsOptional() @IsIn(SIGNUP_MODES) SIGNUP?: (typeof SIGNUP_MODES)[number];
  @ValidateIf((env: EnvironmentVariables) => env.SIGNUP === 'domains' || env.SIGNUP_DOMAINS !== undefined)
  @Matches(DOMAIN_LIST, {
    message: ({ value }) =>
      value === undefined
        ? 'SIGNUP_DOMAINS must list the allowed e-mail domains when SIGNUP=domains'
        : 'SIGNUP_DOMAINS must be a comma-separated list of domains, e.g. acme.com,acme.de',
  })
  SIGNUP_DOMAINS?: string;
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e]{32,512}$/, {
    message: 'SCIM_TOKEN must be 32 to 512 printable characters without spaces, e.g. from `openssl rand -hex 32`',
  })
  SCIM_TOKEN?: string;
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e]{32,512}$/, {
    message: 'METRICS_TOKEN must be 32 to 512 printable characters without spaces, e.g. from `openssl rand -hex 32`',
  })
  METRICS_TOKEN?: string;
  @IsOptional() @IsIn(DIRECT_MESSAGE_MODES) DIRECT_MESSAGES?: (typeof DIRECT_MESSAGE_MODES)[number];
  /** The most members a group may have (its creator included). */
  @IsOptional() @IsInt() @Min(2) @Max(10_000) GROUP_MAX_MEMBERS?: number;

  @ValidateIf((env: EnvironmentVariables) => env.PASSWORD_LOGIN === 'off' || env.OIDC_ISSUER !== undefined)
  @IsUrl(
    { protocols: ['http', 'https'], require_tld: false, require_protocol: true },
    {
      message: ({ value }) =>
        value === undefined
          ? 'PASSWORD_LOGIN=off needs single sign-on: set OIDC_ISSUER'
          : 'OIDC_ISSUER must be the http(s) URL of the OpenID provider',
    },
  )
  OIDC_ISSUER?: string;
  @ValidateIf((env: EnvironmentVariables) => env.OIDC_ISSUER !== undefined || env.OIDC_CLIENT_ID !== undefined)
  @IsString({ message: 'OIDC_CLIENT_ID must be set when OIDC_ISSUER is' })
  OIDC_CLIENT_ID?: string;
  @IsOptional() @IsString() OIDC_CLIENT_SECRET?: string;
  @IsOptional() @IsString() @MaxLength(40) OIDC_LABEL?: string;
  @IsOptional()
  @Matches(/^[^.\s]+(\.[^.\s]+)*$/, { message: 'OIDC_ROLES_CLAIM must be a claim path such as realm_access.roles' })
  OIDC_ROLES_CLAIM?: string;
  @ValidateIf((env: EnvironmentVariables) => env.OIDC_ROLES_CLAIM !== undefined || env.OIDC_ADMIN_ROLE !== undefined)
  @IsString({ message: 'OIDC_ADMIN_ROLE must name the IdP role that makes an admin when OIDC_ROLES_CLAIM is set' })
  OIDC_ADMIN_ROLE?: string;
  @IsOptional() @IsIn(['on', 'off']) PASSWORD_LOGIN?: 'on' | 'off';

  @IsOptional()
  @ValidateBy({
    name: 'origins',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.trim().split(/\s+/).every(isOrigin),
      defaultMessage: () =>
        'FRAME_ANCESTORS must be space-separated origins such as https://portal.acme.com (scheme, host, port; no path)',
    },
  })
  FRAME_ANCESTORS?: string;

  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^cloudinary:\/\/[^:@/]+:[^@/]+@[^/]+$/, {
    message: 'CLOUDINARY_URL must be cloudinary://<key>:<secret>@<cloud>',
  })
  CLOUDINARY_URL?: string;
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  CLOUDINARY_UPLOAD_PREFIX?: string;
  @IsOptional() @IsPositive() MEDIA_MAX_IMAGE_MB?: number;
  @IsOptional() @IsPositive() MEDIA_MAX_VIDEO_MB?: number;
  @IsOptional() @IsPositive() MEDIA_MAX_FILE_MB?: number;
  /** clamd's local socket: every upload is scanned there before it can be sent or downloaded. */
  @IsOptional() @IsString() @MinLength(1) CLAMAV_SOCKET?: string;

  @IsOptional()
  @Matches(ALLOW_HOSTS, {
    message: 'WEBHOOK_ALLOW_HOSTS must list host names, addresses or CIDRs, e.g. "hooks.internal 10.0.0.0/8"',
  })
  WEBHOOK_ALLOW_HOSTS?: string;
  @IsOptional() @IsPositive() @Max(300) WEBHOOK_TIMEOUT_SECONDS?: number;
  @IsOptional() @IsPositive() @Max(3600) WEBHOOK_BACKOFF_SECONDS?: number;
  @IsOptional() @IsPositive() @Max(720) WEBHOOK_RETRY_HOURS?: number;
  @IsOptional() @IsInt() @Min(1) WEBHOOK_PAUSE_AFTER_FAILURES?: number;
  @IsOptional() @IsPositive() WEBHOOK_PAUSE_AFTER_HOURS?: number;

  @ValidateIf((env: EnvironmentVariables) => env.VAPID_PUBLIC_KEY !== undefined || env.VAPID_PRIVATE_KEY !== undefined)
  @Matches(/^[A-Za-z0-9_-]{80,100}$/, {
    message: 'VAPID_PUBLIC_KEY must be set with VAPID_PRIVATE_KEY, as `npx web-push generate-vapid-keys` prints it',
  })
  VAPID_PUBLIC_KEY?: string;
  @ValidateIf((env: EnvironmentVariables) => env.VAPID_PUBLIC_KEY !== undefined || env.VAPID_PRIVATE_KEY !== undefined)
  @Matches(/^[A-Za-z0-9_-]{40,50}$/, {
    message: 'VAPID_PRIVATE_KEY must be set with VAPID_PUBLIC_KEY, as `npx web-push generate-vapid-keys` prints it',
  })
  VAPID_PRIVATE_KEY?: string;
  @IsOptional()
  @Matches(/^(mailto:\S+@\S+|https:\/\/\S+)$/, { message: 'VAPID_SUBJECT must be a mailto: or https: URL' })
  VAPID_SUBJECT?: string;
  @IsOptional()
  @Matches(ALLOW_HOSTS, {
    message: 'PUSH_ALLOW_HOSTS must list host names, addresses or CIDRs, e.g. "push.internal 10.0.0.0/8"',
  })
  PUSH_ALLOW_HOSTS?: string;
  @IsOptional() @IsNumber() @Min(0) @Max(10_080) MISSED_MESSAGE_EMAIL_MINUTES?: number;
  @IsOptional() @IsInt() @Min(1) @Max(100_000) SEND_MAX_IN_FLIGHT?: number;
  @IsOptional() @IsInt() @Min(1) @Max(36_500) RETENTION_DAYS?: number;

  @IsOptional() @IsIn(LOG_LEVELS) LOG_LEVEL?: (typeof LOG_LEVELS)[number];
  @IsOptional() @IsIn(BOOLEAN) LOG_PRETTY?: string;
}

/**
 * The environment, validated and converted (numbers are numbers). Throws one line that names each bad variable,
 * e.g. "Invalid environment: LOG_LEVEL must be one of the following values: fatal, error, …".
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): EnvironmentVariables {
  // An empty value means unset, as `FOO= npm start` intends.
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const env = plainToInstance(EnvironmentVariables, given, { enableImplicitConversion: true });
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    // The first rule written (the type) is reported last; it is the one worth reading when several fail.
    const details = errors.flatMap((error) => Object.values(error.constraints ?? {}).slice(-1));
    throw new Error(`Invalid environment: ${details.join('; ')}`);
  }
  return env;
}

/** ConfigModule's boot check: fails the start before any module reads a value. */
export function validateEnv(config: Record<string, unknown>): Record<string, unknown> {
  loadEnv(config as NodeJS.ProcessEnv);
  return config;
}

/** Where the app keeps its files: the embedded database, development secrets, mails without SMTP, media. */
export const dataDirOf = (env: EnvironmentVariables): string => resolve(env.DATA_DIR ?? 'data');
