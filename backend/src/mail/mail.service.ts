import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createTransport, type Transporter } from 'nodemailer';

import type { AllConfig } from '../config';
import type { RenderedMail } from './mail.templates';

export interface OutgoingMail extends RenderedMail {
  to: string;
}

/**
 * Sends mail over SMTP when `SMTP_URL` is set. Without it (the embedded default) each mail is written as an .eml
 * file under data/mail/ and its link is logged, so a local install can still verify emails and reset passwords.
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private readonly settings: AllConfig['mail'];
  private readonly transport: Transporter;

  constructor(config: ConfigService<AllConfig, true>) {
    this.settings = config.get('mail', { infer: true });
    const from = this.settings.from;
    this.transport = this.settings.smtpUrl
      ? createTransport(this.settings.smtpUrl, { from })
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix', from });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transport.sendMail({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
    if (this.settings.smtpUrl) return;
    await mkdir(this.settings.dir, { recursive: true });
    const file = join(
      this.settings.dir,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.eml`,
    );
    await writeFile(file, (info as { message: Buffer }).message, { mode: 0o600 });
    this.logger.log(`"${mail.subject}" to ${mail.to} saved as ${file}; link: ${mail.link}`);
  }

  /** For work that must not hold up a response (and must not reveal by its timing whether an account exists). */
  sendInBackground(mail: OutgoingMail): void {
    this.send(mail).catch((error: unknown) =>
      this.logger.error(`Could not send "${mail.subject}" to ${mail.to}: ${(error as Error).message}`),
    );
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
