import { registerAs } from '@nestjs/config';

import { loadEnv } from './env.validation';

/**
 * GET /metrics asks for `Authorization: Bearer <METRICS_TOKEN>` when it is set; without it the endpoint is open and
 * belongs behind the network's own restriction (the scraper's network only).
 */
export const metricsConfig = registerAs('metrics', () => ({ token: loadEnv().METRICS_TOKEN ?? null }));
export type MetricsConfig = ReturnType<typeof metricsConfig>;
