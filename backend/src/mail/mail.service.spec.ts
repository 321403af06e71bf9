import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';

import type { AllConfig } from '../config';
import { MailService } from './mail.service';
import { passwordResetMail } from './mail.templates';

describe('MailService without SMTP_URL', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mail-spec-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each mail as an .eml file under the mail directory and logs its link', async () => {
    const mailDir = join(dir, 'mail');
    const config = {
      get: () => ({ smtpUrl: null, from: 'Portal Chat <no-reply@localhost>', dir: mailDir }),
    } as unknown as ConfigService<AllConfig, true>;
    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const service = new MailService(config);
    const link = 'http://localhost:3000/reset-password?token=abc';

    await service.send({ to: 'ada@example.com', ...passwordResetMail('Ada', link, new Date(Date.now() + 1_800_000)) });

    const files = readdirSync(mailDir);
    expect(files).toEqual([expect.stringMatching(/\.eml$/)]);
    const eml = readFileSync(join(mailDir, files[0]), 'utf8');
    expect(eml).toMatch(/^To: ada@example\.com$/m);
    expect(eml).toMatch(/^Subject: Reset your Portal Chat password$/m);
    expect(eml).toContain('multipart/alternative');
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(link));
    service.onModuleDestroy();
    logged.mockRestore();
  });
});
