import { formatExpiry, passwordResetMail, ssoInvitationMail, verifyEmailMail } from './mail.templates';

describe('mail templates', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('says in both parts when the link expires, with the product name', () => {
    const mail = passwordResetMail(
      'Ada',
      'https://chat.example.com/reset-password?token=t',
      new Date('2026-03-01T10:30:00Z'),
    );
    expect(mail.subject).toBe('Reset your Portal Chat password');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('This link expires in 30 minutes (1 Mar 2026, 10:30 UTC).');
      expect(part).toContain('https://chat.example.com/reset-password?token=t');
      expect(part).toContain('Portal Chat');
    }
  });

  it('escapes what people typed before putting it into HTML', () => {
    const mail = verifyEmailMail('<img src=x onerror=alert(1)>', 'https://x.test/verify-email?token=a&b', new Date());
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&#60;img');
    expect(mail.html).toContain('token=a&#38;b');
    expect(mail.text).toContain('Hello <img src=x onerror=alert(1)>,');
  });

  it('invites to sign in with single sign-on, with no password to choose and no expiry', () => {
    const mail = ssoInvitationMail('Ada', 'Acme ID', 'https://chat.example.com/login');
    expect(mail).toMatchObject({ subject: 'You are invited to Portal Chat', link: 'https://chat.example.com/login' });
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('Sign in with Acme ID');
      expect(part).toContain('https://chat.example.com/login');
      expect(part).not.toMatch(/password|expires/i);
    }
  });

  it('spells out the time zone', () => {
    expect(formatExpiry(new Date('2026-11-21T06:14:00Z'))).toBe('21 Nov 2026, 06:14 UTC');
  });
});
