import { createHash, timingSafeEqual } from 'node:crypto';

import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';

import { RequestLimiter } from '../../auth/request-limiter';
import type { AllConfig } from '../../config';
import { scimError } from './scim-errors';

/** Wrong tokens tolerated per client address and window before it must wait (guessing a token is hopeless anyway). */
const FAILURES_PER_IP = 20;
const WINDOW_MS = 10 * 60 * 1000;

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The identity provider proves itself with `Authorization: Bearer <SCIM_TOKEN>`. Without SCIM_TOKEN provisioning
 * is off and every SCIM route answers 404, as if it did not exist. Wrong tokens are counted per client address.
 */
@Injectable()
export class ScimAuthGuard implements CanActivate {
  private readonly failures = new RequestLimiter(FAILURES_PER_IP, WINDOW_MS);
  private readonly expected: Buffer | null;

  constructor(config: ConfigService<AllConfig, true>) {
    const { token } = config.get('scim', { infer: true });
    this.expected = token ? digest(token) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) throw scimError(404, null, 'SCIM provisioning is not enabled on this server (SCIM_TOKEN)');
    const request = context.switchToHttp().getRequest<Request>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    // Comparing digests of equal length keeps the comparison's time independent of the token. The right token
    // always passes: someone guessing from the identity provider's own egress address must not stall provisioning.
    if (scheme?.toLowerCase() === 'bearer' && token && timingSafeEqual(digest(token), this.expected)) return true;
    const ip = request.ip ?? 'unknown';
    const wait = this.failures.take(ip);
    if (wait) throw tooManyFailures(wait);
    context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="SCIM"');
    throw scimError(401, null, 'A valid SCIM bearer token is required');
  }
}

function tooManyFailures(retryAfterSeconds: number): HttpException {
  return new HttpException(
    {
      message: 'Too many requests with a wrong SCIM token; try again later',
      code: 'rate_limited',
      retryAfterMs: retryAfterSeconds * 1000,
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
