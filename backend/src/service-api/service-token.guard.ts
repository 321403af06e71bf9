import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';

import { RequestLimiter } from '../auth/request-limiter';
import type { AllConfig } from '../config';
import type { ServiceScope } from '../contracts/service-tokens';
import { type ServiceCaller, ServiceTokensService } from '../service-tokens/service-tokens.service';

/** Where RequiresScope keeps a route's scope. */
export const SERVICE_SCOPE = 'serviceScope';

export type ServiceRequest = Request & { serviceCaller?: ServiceCaller };

/**
 * `Authorization: Bearer <service token>` on /api/service: 401 with `WWW-Authenticate: Bearer` when the token is
 * missing, unknown, revoked or expired (RFC 6750), then the token's rate limit (RateLimit-* headers on every answer,
 * 429 with Retry-After over it), then the route's scope (403 `insufficient_scope`). Requests are counted per token
 * and instance, in memory, like the other limiters.
 */
@Injectable()
export class ServiceTokenGuard implements CanActivate {
  private readonly limiter: RequestLimiter;

  constructor(
    private readonly tokens: ServiceTokensService,
    private readonly reflector: Reflector,
    config: ConfigService<AllConfig, true>,
  ) {
    this.limiter = new RequestLimiter(config.get('serviceTokens', { infer: true }).ratePerMinute, 60_000);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ServiceRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const [scheme, secret] = (request.headers.authorization ?? '').split(' ');
    const presented = scheme?.toLowerCase() === 'bearer' && secret ? secret : null;
    const caller = presented ? await this.tokens.authenticate(presented) : null;
    if (!caller) {
      response.setHeader('WWW-Authenticate', `Bearer realm="service"${presented ? ', error="invalid_token"' : ''}`);
      throw new UnauthorizedException({
        message: presented
          ? 'This service token is invalid, expired or revoked'
          : 'A service token is required: Authorization: Bearer <token>',
        code: presented ? 'invalid_token' : 'token_required',
      });
    }

    const usage = this.limiter.hit(caller.tokenId);
    response.setHeader('RateLimit-Limit', String(usage.limit));
    response.setHeader('RateLimit-Remaining', String(usage.remaining));
    response.setHeader('RateLimit-Reset', String(usage.resetSeconds));
    if (usage.retryAfter) {
      throw new HttpException(
        {
          message: 'This service token made too many requests; retry later',
          code: 'rate_limited',
          retryAfterMs: usage.retryAfter * 1000,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }

    const scope = this.reflector.get<ServiceScope | undefined>(SERVICE_SCOPE, context.getHandler());
    if (scope && !caller.scopes.includes(scope)) {
      response.setHeader('WWW-Authenticate', `Bearer realm="service", error="insufficient_scope", scope="${scope}"`);
      throw new ForbiddenException({
        message: `This service token lacks the scope ${scope}`,
        code: 'insufficient_scope',
      });
    }
    request.serviceCaller = caller;
    return true;
  }
}
