import { registerAs } from '@nestjs/config';

import { loadEnv } from './env.validation';

/** Who may create an account themselves (SIGNUP) and, for `domains`, with which e-mail domains (SIGNUP_DOMAINS). */
export const signupConfig = registerAs('signup', () => {
  const env = loadEnv();
  return {
    mode: env.SIGNUP ?? 'open',
    /** Lowercase, exact domains; only read when mode is `domains`. */
    domains: (env.SIGNUP_DOMAINS ?? '')
      .split(',')
      .map((domain) => domain.trim().toLowerCase())
      .filter(Boolean),
  };
});
export type SignupConfig = ReturnType<typeof signupConfig>;
