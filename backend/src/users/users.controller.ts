import { Body, Controller, Get, Param, Patch, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { ApiPageResponse } from '../common/swagger/api-page-response.decorator';
import { type CurrentUserView, type Page, PublicUser } from '../contracts/users';
import { SearchUsersDto } from './dto/search-users.dto';
import { UpdateMeDto } from './dto/update-me.dto';
import { UserIdParam } from './dto/user-id.dto';
import { UsersService } from './users.service';
import { VerifiedDomainGuard } from './verified-domain.guard';

@ApiTags('users')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** The signed-in user's own account. */
  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<CurrentUserView> {
    return this.users.getMe(user.id);
  }

  /** Change display name, bio, username or settings. */
  @Patch('me')
  @ApiErrors(400, 409)
  updateMe(@CurrentUser() user: AuthUser, @Body() body: UpdateMeDto): Promise<CurrentUserView> {
    return this.users.updateMe(user.id, body);
  }

  /** Users whose username or display name starts with `q`, 20 per page. */
  @Get('search')
  @UseGuards(VerifiedDomainGuard)
  @ApiPageResponse(PublicUser)
  @ApiErrors(400, 403)
  search(@CurrentUser() user: AuthUser, @Query() query: SearchUsersDto): Promise<Page<PublicUser>> {
    return this.users.search(query.q, query.cursor, user.id);
  }

  /** Someone's public profile. */
  @Get(':id')
  @UseGuards(VerifiedDomainGuard)
  @ApiErrors(400, 403, 404)
  profile(@Param() params: UserIdParam): Promise<PublicUser> {
    return this.users.getPublicProfile(params.id);
  }
}
