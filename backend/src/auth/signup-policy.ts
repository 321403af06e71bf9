import { ForbiddenException } from '@nestjs/common';

import type { SignupConfig } from '../config/signup.config';

/**
 * Refuses a self-service sign-up that SIGNUP does not allow. In `domains` mode the part after the last "@" of the
 * (already validated, lowercased) address must equal an allowed domain exactly: no subdomains, no suffix tricks
 * like "acme.com.evil.io", nothing outside ASCII.
 */
export function assertMaySignUp(policy: SignupConfig, email: string): void {
  if (policy.mode === 'open') return;
  if (policy.mode === 'domains') {
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (/^[a-z0-9.-]+$/.test(domain) && policy.domains.includes(domain)) return;
    throw new ForbiddenException({
      message: `Sign-up is limited to addresses at ${policy.domains.join(', ')}`,
      code: 'signup_domain_not_allowed',
    });
  }
  if (policy.mode === 'invite') {
    throw new ForbiddenException({
      message: 'Sign-up needs an invitation. Ask your administrator for one.',
      code: 'invitation_required',
    });
  }
  throw new ForbiddenException({
    message: 'Sign-up is closed. Ask your administrator for an account.',
    code: 'signup_closed',
  });
}
