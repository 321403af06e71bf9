import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';

import { AccessTokensService } from '../auth/access-tokens.service';
import { MEDIA_COOKIE } from '../contracts/auth';

/**
 * Who is reading a media URL. API clients send the Bearer token; browsers load <img> and <video> sources
 * without it, so they present the HttpOnly media cookie (the access token, scoped to /api/media) instead.
 */
@Injectable()
export class MediaReader {
  constructor(private readonly tokens: AccessTokensService) {}

  async identify(req: Request): Promise<string> {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ')
      ? header.slice(7)
      : (req.cookies as Record<string, string> | undefined)?.[MEDIA_COOKIE];
    if (!token) throw new UnauthorizedException({ message: 'Sign in to see this media', code: 'unauthenticated' });
    return (await this.tokens.verify(token)).user.id;
  }
}
