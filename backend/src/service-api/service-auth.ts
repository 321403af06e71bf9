import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiExtension, ApiSecurity, ApiTags } from '@nestjs/swagger';

import { Public } from '../common/decorators/public.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import type { ServiceScope } from '../contracts/service-tokens';
import type { ServiceCaller } from '../service-tokens/service-tokens.service';
import { SERVICE_SCOPE, type ServiceRequest, ServiceTokenGuard } from './service-token.guard';

/** The name of the service tokens' security scheme in the OpenAPI document. */
export const SERVICE_TOKEN_SCHEME = 'service-token';

/**
 * A controller under /api/service: a service token instead of a person's access token. @Public only takes it out
 * of the global JWT guard (so a person's token is never accepted here); ServiceTokenGuard does the checking.
 */
export const ServiceApi = () =>
  applyDecorators(
    Public(),
    UseGuards(ServiceTokenGuard),
    ApiTags('service'),
    ApiSecurity(SERVICE_TOKEN_SCHEME),
    ApiErrors(401, 403, 429),
  );

/** The scope a service route needs; also stated in the OpenAPI document (`x-required-scope`). */
export const RequiresScope = (scope: ServiceScope) =>
  applyDecorators(SetMetadata(SERVICE_SCOPE, scope), ApiExtension('x-required-scope', scope));

/** The service token behind the request, set by ServiceTokenGuard. */
export const CurrentService = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): ServiceCaller =>
    ctx.switchToHttp().getRequest<ServiceRequest>().serviceCaller!,
);
