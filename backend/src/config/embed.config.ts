import { registerAs } from '@nestjs/config';

import { loadEnv } from './env.validation';
import { parseOrigins } from './origins';

/**
 * Embedding in a portal (FRAME_ANCESTORS): the origins, and only those, that may show the SPA in a frame. Empty (the
 * default): only this site may frame it, and the cookies stay SameSite=Strict.
 */
export const embedConfig = registerAs('embed', () => {
  const frameAncestors = parseOrigins(loadEnv().FRAME_ANCESTORS);
  return { frameAncestors, enabled: frameAncestors.length > 0 };
});
export type EmbedConfig = ReturnType<typeof embedConfig>;
