import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

import { describeContractUnions } from './common/swagger/contract-schemas';
import { MEDIA_COOKIE, REFRESH_COOKIE } from './contracts/auth';
import { SERVICE_TOKEN_SCHEME } from './service-api/service-auth';

/** Swagger UI at /api/docs, the OpenAPI document at /api/docs-json. */
export function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Chat API')
    .setDescription(
      'REST API of the chat product. Sign in with POST /api/auth/login, then use the accessToken as a Bearer ' +
        'token. The refresh token lives in an HttpOnly cookie scoped to /api/auth. Errors always have the body ' +
        '{statusCode, error, message, code?, errors?}.',
    )
    .setVersion('1.0')
    .addBearerAuth()
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description:
          'A service token from POST /api/admin/tokens (`chatsvc_…`), for /api/service only. Each route states the ' +
          'scope it needs (`x-required-scope`): messages:send, users:read, users:write, conversations:read. ' +
          'Rate-limited per token (SERVICE_TOKEN_RATE_LIMIT a minute): RateLimit-Limit, RateLimit-Remaining and ' +
          'RateLimit-Reset on every answer, 429 with Retry-After over it.',
      },
      SERVICE_TOKEN_SCHEME,
    )
    .addCookieAuth(REFRESH_COOKIE, { type: 'apiKey', in: 'cookie', name: REFRESH_COOKIE }, 'refresh')
    .addCookieAuth(MEDIA_COOKIE, { type: 'apiKey', in: 'cookie', name: MEDIA_COOKIE }, 'media')
    .build();
  describeContractUnions();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
