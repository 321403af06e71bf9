import type { AddressInfo } from 'node:net';

import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The first http(s) link of the plain-text part. */
  link: string | null;
}

/** A real SMTP server on loopback that keeps every message it receives, for specs to read. */
export interface MailCatcher {
  /** SMTP_URL for the app under test. */
  url: string;
  messages: CaughtMail[];
  /** Resolves with the first (already received or future) mail to `to` that matches. */
  next(to: string, match?: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  /** Mails received so far for `to`. */
  to(address: string): CaughtMail[];
  close(): Promise<void>;
}

export async function startMailCatcher(): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  const waiters: { to: string; match: (mail: CaughtMail) => boolean; resolve: (mail: CaughtMail) => void }[] = [];
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS offer (it would need a certificate) and no login.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail = toCaught(parsed);
          messages.push(mail);
          for (const waiter of [...waiters]) {
            if (waiter.to === mail.to && waiter.match(mail)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(mail);
            }
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((mail) => mail.to === address.toLowerCase()),
    next(to, match = () => true, timeoutMs = 5_000) {
      const address = to.toLowerCase();
      const seen = messages.find((mail) => mail.to === address && match(mail));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no mail to ${to} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ to: address, match, resolve: (mail) => (clearTimeout(timer), resolve(mail)) });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function toCaught(parsed: ParsedMail): CaughtMail {
  const to = [parsed.to ?? []].flat().flatMap((address) => address.value.map((v) => v.address ?? ''));
  const text = parsed.text ?? '';
  return {
    to: (to[0] ?? '').toLowerCase(),
    subject: parsed.subject ?? '',
    text,
    html: typeof parsed.html === 'string' ? parsed.html : '',
    link: /https?:\/\/\S+/.exec(text)?.[0] ?? null,
  };
}

/** The `token` query parameter of a link from a mail. */
export function tokenOf(link: string | null): string {
  const token = link ? new URL(link).searchParams.get('token') : null;
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}
