import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { ApiPageResponse } from '../common/swagger/api-page-response.decorator';
import { FriendRequestView, FriendView } from '../contracts/friends';
import type { Page, PublicUser } from '../contracts/users';
import { VerifiedDomainGuard } from '../users/verified-domain.guard';
import {
  FriendUserIdParam,
  ListRequestsQuery,
  PageQuery,
  RequestIdParam,
  SendFriendRequestDto,
} from './dto/friend-request.dto';
import { FriendsService } from './friends.service';

@ApiTags('friends')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('friends')
export class FriendsController {
  constructor(private readonly friends: FriendsService) {}

  /** Your friends, newest first, with online / last seen. */
  @Get()
  @ApiPageResponse(FriendView)
  @ApiErrors(400)
  list(@CurrentUser() me: AuthUser, @Query() query: PageQuery): Promise<Page<FriendView>> {
    return this.friends.listFriends(me.id, query.cursor, query.limit);
  }

  /** Users you have blocked. */
  @Get('blocked')
  blocked(@CurrentUser() me: AuthUser): Promise<PublicUser[]> {
    return this.friends.listBlocked(me.id);
  }

  /** Pending requests sent to you (incoming) or by you (outgoing), newest first. */
  @Get('requests')
  @ApiPageResponse(FriendRequestView)
  @ApiErrors(400)
  requests(@CurrentUser() me: AuthUser, @Query() query: ListRequestsQuery): Promise<Page<FriendRequestView>> {
    return this.friends.listRequests(me.id, query.direction, query.cursor, query.limit);
  }

  /**
   * Ask someone to be friends. 201 for a new request; 200 with the existing one when it is already pending, or
   * with their request accepted when they had already asked you.
   */
  @Post('requests')
  @UseGuards(VerifiedDomainGuard)
  @ApiErrors(400, 403, 404, 409)
  async send(
    @CurrentUser() me: AuthUser,
    @Body() body: SendFriendRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FriendRequestView> {
    const { request, created } = await this.friends.send(me.id, body.to);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return request;
  }

  /** Accept a request sent to you. */
  @Post('requests/:id/accept')
  @HttpCode(HttpStatus.OK)
  @ApiErrors(400, 403, 404, 409)
  accept(@CurrentUser() me: AuthUser, @Param() params: RequestIdParam): Promise<FriendRequestView> {
    return this.friends.accept(me.id, params.id);
  }

  /** Decline a request sent to you. */
  @Post('requests/:id/decline')
  @HttpCode(HttpStatus.OK)
  @ApiErrors(400, 403, 404, 409)
  decline(@CurrentUser() me: AuthUser, @Param() params: RequestIdParam): Promise<FriendRequestView> {
    return this.friends.decline(me.id, params.id);
  }

  /** Cancel a request you sent. */
  @Delete('requests/:id')
  @ApiErrors(400, 403, 404, 409)
  cancel(@CurrentUser() me: AuthUser, @Param() params: RequestIdParam): Promise<FriendRequestView> {
    return this.friends.cancel(me.id, params.id);
  }

  /** Stop being friends. */
  @Delete(':userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiErrors(400, 404)
  unfriend(@CurrentUser() me: AuthUser, @Param() params: FriendUserIdParam): Promise<void> {
    return this.friends.unfriend(me.id, params.userId);
  }
}
