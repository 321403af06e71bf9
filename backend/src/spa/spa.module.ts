import { existsSync } from 'node:fs';

import { type DynamicModule, Inject, Module, type OnModuleInit, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';

import { labelRoute } from '../metrics/http-metrics';
import { staticAssets } from './static-assets';

/**
 * Client-side routes: everything outside /api, /scim, /socket.io and /metrics that does not name a static file. A deep
 * link to a person (/u/…) is always a route, whatever the name or address ends in ("/u/email/ada@acme.js").
 */
const SPA_ROUTES =
  /^\/(?!(api|scim|socket\.io|metrics)(\/|$))(?!(?!u\/).*\.(js|mjs|css|map|ico|png|jpe?g|gif|svg|webp|woff2?|ttf|json|txt|webmanifest)$)/i;

const FRONTEND_DIR = Symbol('FRONTEND_DIR');

/**
 * The built SPA (scripts/compress-assets.mjs precompresses it): its files, and index.html for every client-side
 * route. Registered when the modules initialise, which is after the API's routes and before Nest's 404 handler.
 * Client routes are kept to SPA_ROUTES rather than answering everything else: a missing asset (an old chunk after
 * a redeploy) is a 404, not index.html, so the page can tell it failed.
 */
@Module({})
export class SpaModule implements OnModuleInit {
  /** Nothing when the SPA is not built (the API alone, as in most tests). */
  static register(frontendDir: string): DynamicModule {
    return {
      module: SpaModule,
      providers: existsSync(frontendDir) ? [{ provide: FRONTEND_DIR, useValue: frontendDir }] : [],
    };
  }

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Optional() @Inject(FRONTEND_DIR) private readonly frontendDir?: string,
  ) {}

  onModuleInit(): void {
    if (!this.frontendDir) return;
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    const assets = staticAssets(this.frontendDir);
    app.use(labelled('static', assets));
    app.get(
      SPA_ROUTES,
      labelled('spa', (req, res, next) => {
        const url = req.url;
        req.url = '/index.html';
        assets(req, res, (error?: unknown) => {
          req.url = url;
          next(error);
        });
      }),
    );
  }
}

/** The handler's responses count under `route` in the HTTP metrics; what it passes on does not. */
function labelled(route: string, handler: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    labelRoute(res, route);
    void handler(req, res, (error?: unknown) => {
      labelRoute(res, null);
      next(error);
    });
  };
}
