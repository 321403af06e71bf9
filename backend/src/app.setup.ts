import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
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
  const { frameAncestors } = config.get('embed', { infer: true });
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
          // FRAME_ANCESTORS: the portals that may frame the app. X-Frame-Options cannot name them, and browsers that
          // know CSP ignore it anyway, so it is only sent while nobody else may frame the app.
          frameAncestors: ["'self'", ...frameAncestors],
        },
      },
      xFrameOptions: frameAncestors.length > 0 ? false : { action: 'sameorigin' },
    }),
  );
  // The portal page loads /embed.js from this site, which Cross-Origin-Resource-Policy: same-origin would forbid.
  app.use('/embed.js', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    next();
  });
  // A single sign-on popup's last page hands its code to the framed app that opened it (window.opener), which
  // Cross-Origin-Opener-Policy: same-origin anywhere on the popup's way would cut off: that frame's top-level page
  // is the portal's.
  const popupWay = ['/api/auth/oidc/login', '/api/auth/oidc/callback', '/embed/sso-done'];
  app.use(popupWay, (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
    next();
  });
  app.use(cookieParser());
  app.enableCors({ origin: corsOrigins, credentials: true });
  app.useGlobalPipes(createValidationPipe());
  app.useWebSocketAdapter(new AppIoAdapter(app, corsOrigins, app.get(REDIS_CLIENTS)));
  setupSwagger(app);
  return app;
}
