import { join } from 'node:path';

import { registerAs } from '@nestjs/config';

import { dataDirOf, loadEnv } from './env.validation';

export const mailConfig = registerAs('mail', () => {
  const env = loadEnv();
  return {
    /** smtp(s)://user:pass@host:port; unset: mails are written as .eml files under `dir` and their links logged. */
    smtpUrl: env.SMTP_URL ?? null,
    from: env.MAIL_FROM ?? 'Portal Chat <no-reply@localhost>',
    dir: join(dataDirOf(env), 'mail'),
    /** The address people open the SPA at; links in mails start with it. */
    appUrl: (env.APP_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, ''),
    /** When true, accounts must verify their email before they can send messages. */
    requireVerifiedEmail: env.REQUIRE_VERIFIED_EMAIL === 'true',
  };
});
export type MailConfig = ReturnType<typeof mailConfig>;
