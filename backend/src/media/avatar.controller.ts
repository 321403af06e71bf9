import { Controller, Delete, Put, Req, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import type { CurrentUserView } from '../contracts/users';
import { UsersService } from '../users/users.service';
import { UPLOAD_BODY } from './media.controller';
import { MediaService } from './media.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('users/me/avatar')
export class AvatarController {
  constructor(
    private readonly media: MediaService,
    private readonly users: UsersService,
  ) {}

  /** Set your profile picture (an image up to 10 MB; cropped to a square thumbnail). The old one is deleted. */
  @Put()
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiErrors(400, 413, 415)
  async set(@CurrentUser() me: AuthUser, @Req() req: Request): Promise<CurrentUserView> {
    const uploaded = await this.media.upload(me.id, req, 'avatar');
    const previous = await this.users.setAvatar(me.id, uploaded._id);
    if (previous === 'gone') {
      await this.media.deleteById(uploaded._id);
      throw new UnauthorizedException({ message: 'This account no longer exists', code: 'session_ended' });
    }
    if (previous) await this.media.deleteById(previous);
    return this.users.getMe(me.id);
  }

  /** Remove your profile picture. */
  @Delete()
  async remove(@CurrentUser() me: AuthUser): Promise<CurrentUserView> {
    const previous = await this.users.setAvatar(me.id, null);
    if (previous && previous !== 'gone') await this.media.deleteById(previous);
    return this.users.getMe(me.id);
  }
}
