import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { RateLimiter } from '../realtime/rate-limiter';
import { UsersService } from '../users/users.service';
import { DataExportService } from './data-export.service';
import { EraseMeDto } from './dto/erase-me.dto';
import { ErasureRequestsService } from './erasure-requests.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('users/me')
export class PersonalDataController {
  /** Building an archive reads everything the person has: one per minute per person. */
  private readonly exports = new RateLimiter(1, 1 / 60);

  constructor(
    private readonly exporter: DataExportService,
    private readonly erasure: ErasureRequestsService,
    private readonly users: UsersService,
  ) {}

  /**
   * Download everything you have here as a ZIP: profile.json, friends.json, conversations.json, every message you
   * sent or received (messages/<conversation id>.json), and the pictures and videos you uploaded (media.json and
   * media/). Streamed; one per minute.
   */
  @Get('export')
  @ApiProduces('application/zip')
  @ApiOkResponse({
    description: 'A ZIP archive',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(429)
  async export(@CurrentUser() me: AuthUser, @Res() res: Response): Promise<void> {
    this.exports.take(me.id);
    const user = await this.users.getById(me.id);
    const day = new Date().toISOString().slice(0, 10);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="chat-data-${user.username}-${day}.zip"`);
    res.setHeader('Cache-Control', 'no-store');
    const archive = this.exporter.export(me.id);
    archive.on('error', () => res.destroy());
    archive.pipe(res);
  }

  /**
   * Delete your account for good: your profile, friends, requests, sessions and uploads go; your messages stay for
   * the people you wrote to, from "Deleted user". Needs your password, or a sign-in within the last 5 minutes when
   * you have no password of your own or this session began with single sign-on: 403 `reauthentication_required`
   * otherwise. The last administrator can't (409 `last_admin`).
   */
  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiErrors(400, 403, 409)
  eraseMe(@CurrentUser() me: AuthUser, @Body() body: EraseMeDto, @Req() req: Request): Promise<void> {
    return this.erasure.eraseMe(me, body.password, req.ip ?? '');
  }
}
