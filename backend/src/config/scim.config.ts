import { registerAs } from '@nestjs/config';

import { loadEnv } from './env.validation';

/** SCIM provisioning (/scim/v2) is on only when SCIM_TOKEN is set: the identity provider sends it as a bearer token. */
export const scimConfig = registerAs('scim', () => ({ token: loadEnv().SCIM_TOKEN ?? null }));
export type ScimConfig = ReturnType<typeof scimConfig>;
