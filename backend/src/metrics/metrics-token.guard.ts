import { createHash, timingSafeEqual } from 'node:crypto';

import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';

import { RequestLimiter } from '../auth/request-limiter';
import type { AllConfig } from '../config';

/** Wrong tokens tolerated per client address and window before it must wait; the right token always passes. */
const FAILURES_PER_IP = 20;
const WINDOW_MS = 10 * 60 * 1000;

const digest = (text: string) => createHash('sha256').update(text).digest();

/** With METRICS_TOKEN set, the scraper proves itself with `Authorization: Bearer <METRICS_TOKEN>`; without, all pass. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly failures = new RequestLimiter(FAILURES_PER_IP, WINDOW_MS);
  private readonly expected: Buffer | null;

  constructor(config: ConfigService<AllConfig, true>) {
    const { token } = config.get('metrics', { infer: true });
    this.expected = token ? digest(token) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    // Digests have one length, so the comparison takes the same time whatever the token.
    if (scheme?.toLowerCase() === 'bearer' && token && timingSafeEqual(digest(token), this.expected)) return true;
    const wait = this.failures.take(request.ip ?? 'unknown');
    if (wait) {
      throw new HttpException(
        { message: 'Too many wrong metrics tokens; try again later', code: 'rate_limited', retryAfterMs: wait * 1000 },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    throw new UnauthorizedException({ message: 'A valid metrics bearer token is required', code: 'invalid_token' });
  }
}
