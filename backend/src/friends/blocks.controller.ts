import { Controller, Delete, HttpCode, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { UserIdParam } from '../users/dto/user-id.dto';
import { VerifiedDomainGuard } from '../users/verified-domain.guard';
import { FriendsService } from './friends.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('users/:id/block')
export class BlocksController {
  constructor(private readonly friends: FriendsService) {}

  /** Block a user: ends your friendship and pending requests; they can no longer reach you. */
  @Post()
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(VerifiedDomainGuard)
  @ApiErrors(400, 403, 404)
  block(@CurrentUser() me: AuthUser, @Param() params: UserIdParam): Promise<void> {
    return this.friends.block(me.id, params.id);
  }

  /** Unblock a user. */
  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiErrors(400)
  unblock(@CurrentUser() me: AuthUser, @Param() params: UserIdParam): Promise<void> {
    return this.friends.unblock(me.id, params.id);
  }
}
