import { Controller, Get, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import type { MediaView } from '../contracts/messages';
import { IdParam } from '../messages/dto/message.dto';
import { MediaService } from './media.service';
import { MediaReader } from './media-reader';

export const UPLOAD_BODY = {
  schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
};

@ApiTags('media')
@SkipThrottle()
@Controller('media')
export class MediaController {
  constructor(
    private readonly media: MediaService,
    private readonly reader: MediaReader,
  ) {}

  /**
   * Upload a picture (JPEG, PNG, WebP, GIF; up to 10 MB), a video (MP4, WebM; up to 50 MB), a document (PDF, Office,
   * UTF-8 text, ZIP; kind `file`) or audio (MP3, Ogg/Opus, WebM, M4A/AAC, WAV; kind `audio`), up to 25 MB, to send
   * in a message. The type is judged by the file's content; the file name is kept for display only. Images are
   * re-encoded without metadata. With a virus scanner configured: 422 `virus_found`, or 503 with Retry-After when
   * the scanner cannot be reached.
   */
  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiErrors(400, 401, 413, 415, 422, 503)
  async upload(@CurrentUser() me: AuthUser, @Req() req: Request): Promise<MediaView> {
    return this.media.view(await this.media.upload(me.id, req, 'message'));
  }

  /**
   * The file, for its owner and the participants of its conversation (any signed-in user for avatars). Range
   * requests supported. Documents and audio come as downloads (Content-Disposition: attachment).
   */
  @Public()
  @Get(':id')
  @ApiBearerAuth()
  @ApiCookieAuth('media')
  @ApiProduces('image/*', 'video/*', 'audio/*', 'application/octet-stream')
  @ApiErrors(400, 401, 403, 404)
  async file(@Param() params: IdParam, @Req() req: Request, @Res() res: Response): Promise<void> {
    const media = await this.media.getReadable(await this.reader.identify(req), params.id);
    await this.media.send(media, 'main', res);
  }

  /** The thumbnail (WebP) of a picture. */
  @Public()
  @Get(':id/thumb')
  @ApiBearerAuth()
  @ApiCookieAuth('media')
  @ApiProduces('image/webp')
  @ApiErrors(400, 401, 403, 404)
  async thumb(@Param() params: IdParam, @Req() req: Request, @Res() res: Response): Promise<void> {
    const media = await this.media.getReadable(await this.reader.identify(req), params.id);
    await this.media.send(media, 'thumb', res);
  }
}
