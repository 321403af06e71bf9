import { plainToInstance } from 'class-transformer';
import {
  IsBooleanString,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** Every environment variable the backend reads. Checked once at boot; a bad value stops the start. */
class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test']) NODE_ENV?: string;
  @IsOptional() @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() HOST?: string;
  @IsOptional() @IsString() CORS_ORIGIN?: string;
  @IsOptional() @IsBooleanString() COOKIE_SECURE?: string;
  @IsOptional() @IsEmail() ADMIN_EMAIL?: string;
  @IsOptional() @IsString() DATA_DIR?: string;
  @IsOptional() @IsString() FRONTEND_DIR?: string;
  @IsOptional() @IsString() MONGODB_URI?: string;
  @IsOptional() @IsString() @MinLength(32) JWT_SECRET?: string;
  @IsOptional() @IsInt() @Min(60) ACCESS_TOKEN_TTL_SECONDS?: number;
  @IsOptional() @IsInt() @Min(1) AUTH_RATE_LIMIT?: number;
  @IsOptional() @IsInt() @Min(1) AUTH_RATE_WINDOW_SECONDS?: number;
  @IsOptional() @IsInt() @Min(0) REFRESH_REUSE_INTERVAL_SECONDS?: number;
  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;
  @IsOptional() @IsString() MAIL_FROM?: string;
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true }) APP_URL?: string;
  @IsOptional() @IsBooleanString() REQUIRE_VERIFIED_EMAIL?: string;
}

export function validateEnv(config: Record<string, unknown>): Record<string, unknown> {
  const env = plainToInstance(EnvironmentVariables, config, { enableImplicitConversion: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const details = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new Error(`Invalid environment: ${details.join('; ')}`);
  }
  return config;
}
