import type { NextFunction, Request, RequestHandler, Response } from 'express';

import type { MetricsService } from './metrics.service';

/** Requests no route answered (a 404, a body the parser refused) count under one label, whatever their URL. */
const UNMATCHED = 'unmatched';

/**
 * Names the route of a response that no Nest route handles (the SPA's files): `static`, `spa`; null takes the
 * name back when the handler passes the request on.
 */
export function labelRoute(res: Response, route: string | null): void {
  res.locals.metricsRoute = route;
}

/**
 * Counts and times every HTTP request by method, route template (`/api/conversations/:id/messages`, never the URL
 * with its ids) and status, when its response is finished. The scrape itself is left out.
 */
export function httpMetrics(metrics: MetricsService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = routeOf(req, res);
      if (route === '/metrics') return;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequest(req.method, route, res.statusCode, seconds);
    });
    next();
  };
}

function routeOf(req: Request, res: Response): string {
  const label = res.locals.metricsRoute as string | null | undefined;
  if (label) return label;
  // Nest mounts middleware on wildcard routes (`/api{/*splat}`): a request that matched only those found no route.
  const template = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof template !== 'string' || template.includes('*')) return UNMATCHED;
  // Nest registers the routes outside the /api prefix with a trailing slash (/metrics/).
  return (req.baseUrl + template).replace(/(.)\/$/, '$1');
}
