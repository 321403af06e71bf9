import { registerAs } from '@nestjs/config';
import { join, resolve } from 'node:path';

export const mailConfig = registerAs('mail', () => {
  const port = Number(process.env.PORT ?? 3000);
  return {
    /** smtp(s)://user:pass@host:port; unset: mails are written as .eml files under `dir` and their links logged. */
    smtpUrl: process.env.SMTP_URL || null,
    from: process.env.MAIL_FROM ?? 'Portal Chat <no-reply@localhost>',
    dir: join(resolve(process.env.DATA_DIR ?? 'data'), 'mail'),
    /** The address people open the SPA at; links in mails start with it. */
    appUrl: (process.env.APP_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    /** When true, accounts must verify their email before they can send messages. */
    requireVerifiedEmail: process.env.REQUIRE_VERIFIED_EMAIL === 'true',
  };
});
export type MailConfig = ReturnType<typeof mailConfig>;
