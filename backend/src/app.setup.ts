import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';

import { createValidationPipe } from './common/pipes/validation.pipe';
import type { AllConfig } from './config';
import { SCIM_CONTENT_TYPE } from './identity/scim/scim-schemas';
import { httpMetrics } from './metrics/http-metrics';
import { MetricsService } from './metrics/metrics.service';
import { AppIoAdapter } from './realtime/app-io.adapter';
import { REDIS_CLIENTS } from './realtime/redis-clients';
import { setupSwagger } from './swagger';

/** Everything main.ts and the tests both need on top of the module graph. */
export function configureApp(app: NestExpressApplication): INestApplication {
  const config = app.get(ConfigService<AllConfig, true>);
  const { corsOrigins, trustProxy } = config.get('app', { infer: true });
  const cloudinaryHosts = config.get('media', { infer: true }).cloudinaryUrl
    ? ['https://api.cloudinary.com', 'https://res.cloudinary.com']
    : [];

  // First, so a request's time includes every middleware.
  app.use(httpMetrics(app.get(MetricsService)));
  // SCIM lives at /scim/v2, the base URL identity providers are given; Prometheus scrapes /metrics.
  app.setGlobalPrefix('api', { exclude: ['scim/v2/{*path}', 'metrics'] });
  // Identity providers send SCIM bodies as application/scim+json.
  app.useBodyParser('json', { type: ['application/json', SCIM_CONTENT_TYPE] });
  app.set('trust proxy', trustProxy ? 1 : false);
  // HSTS and upgrade-insecure-requests belong to the TLS-terminating proxy; here they would break plain-http
  // localhost setups. blob: lets the app preview a picture or video (an object URL of the local file) before and
  // while it is uploaded.
  app.use(
    helmet({
      strictTransportSecurity: false,
      contentSecurityPolicy: {
        directives: {
          upgradeInsecureRequests: null,
          // blob: for local previews before upload; Cloudinary's signed URLs when media is stored there.
          imgSrc: ["'self'", 'data:', 'blob:', ...cloudinaryHosts],
          mediaSrc: ["'self'", 'blob:', ...cloudinaryHosts],
        },
      },
    }),
  );
  app.use(cookieParser());
  app.enableCors({ origin: corsOrigins, credentials: true });
  app.useGlobalPipes(createValidationPipe());
  app.useWebSocketAdapter(new AppIoAdapter(app, corsOrigins, app.get(REDIS_CLIENTS)));
  setupSwagger(app);
  return app;
}
