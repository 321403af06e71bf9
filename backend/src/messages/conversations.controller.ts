import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { ApiPageResponse } from '../common/swagger/api-page-response.decorator';
import { ConversationView, MessageView, MessageWindowView } from '../contracts/messages';
import type { Page } from '../contracts/users';
import { MetricsService } from '../metrics/metrics.service';
import { VerifiedDomainGuard } from '../users/verified-domain.guard';
import { ConversationsService } from './conversations.service';
import {
  AddMembersDto,
  ConversationListQuery,
  CreateConversationDto,
  HistoryQuery,
  IdParam,
  isGroupRequest,
  MemberParams,
  SendMessageDto,
  SetRoleDto,
  UpdateGroupDto,
  UpToDto,
  userRefOf,
} from './dto/message.dto';
import { GroupsService } from './groups.service';
import { MessageHistoryService } from './message-history.service';
import { MessageRateLimit } from './message-rate-limit';
import { MessagesService } from './messages.service';
import { ReceiptsService } from './receipts.service';
import { SendAdmissionGuard } from './send-admission.guard';

@ApiTags('conversations')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('conversations')
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly rateLimit: MessageRateLimit,
    private readonly messageHistory: MessageHistoryService,
    private readonly receipts: ReceiptsService,
    private readonly metrics: MetricsService,
    private readonly groups: GroupsService,
  ) {}

  /**
   * Your chats, most recent activity first, with the last message and your unread count. Groups you left or were
   * removed from stay in it, read-only, with `left: true`, placed and shown as they were when you left (the line that
   * removed you as last message, the members of then, unread 0); their history up to that line stays readable.
   */
  @Get()
  @ApiPageResponse(ConversationView)
  @ApiErrors(400)
  list(@CurrentUser() me: AuthUser, @Query() query: ConversationListQuery): Promise<Page<ConversationView>> {
    return this.conversations.list(me.id, query.cursor, query.limit);
  }

  /**
   * Get or create the direct conversation with someone you may chat with (a friend; anyone active with
   * DIRECT_MESSAGES=everyone), named by `userId`, `username`, `email` or `externalId` (a portal's deep links).
   * Someone named by e-mail or external id whom you may not chat with is 404 `user_not_found`, like nobody: the
   * route tells no more about an address than sending to it would.
   *
   * With `userIds` and `name` instead: creates a group (201) with you as its owner and them as members, all people
   * you may message, at most GROUP_MAX_MEMBERS (default 256) with you; each member gets `conversation:updated`.
   * `newMembersSeeHistory: true` lets members added later read the messages from before they joined.
   */
  @Post()
  @HttpCode(HttpStatus.OK)
  @UseGuards(VerifiedDomainGuard)
  @ApiOkResponse({ type: ConversationView, description: 'The direct conversation' })
  @ApiCreatedResponse({ type: ConversationView, description: 'The new group' })
  @ApiErrors(400, 403, 404)
  async open(
    @CurrentUser() me: AuthUser,
    @Body() body: CreateConversationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConversationView> {
    if (!isGroupRequest(body)) return this.conversations.getOrCreate(me.id, userRefOf(body));
    res.status(HttpStatus.CREATED);
    return this.groups.create(me.id, body.userIds!, body.name!, body.newMembersSeeHistory);
  }

  /**
   * Rename a group, change its picture, and/or set whether members added later see the earlier messages
   * (`newMembersSeeHistory`, off by default), as owner or admin; each change is told in its timeline
   * (`renamed`, `picture_changed`, `history_shared` / `history_hidden`) and with `conversation:updated`.
   */
  @Patch(':id')
  @ApiErrors(400, 403, 404, 409)
  update(
    @CurrentUser() me: AuthUser,
    @Param() params: IdParam,
    @Body() body: UpdateGroupDto,
  ): Promise<ConversationView> {
    return this.groups.update(me.id, params.id, body);
  }

  /**
   * Add people to a group (owners and admins): people you may message (not someone who blocked you, or whom you
   * blocked), who see its history from now on, or all of it when the group has `newMembersSeeHistory`.
   */
  @Post(':id/members')
  @HttpCode(HttpStatus.OK)
  @ApiErrors(400, 403, 404)
  addMembers(
    @CurrentUser() me: AuthUser,
    @Param() params: IdParam,
    @Body() body: AddMembersDto,
  ): Promise<ConversationView> {
    return this.groups.addMembers(me.id, params.id, body.userIds);
  }

  /**
   * Remove a member (owners: anyone; admins: members), or leave when it is you; the last owner leaving hands the
   * group to the longest-standing admin, else member. They keep what they had and get `conversation:removed`.
   */
  @Delete(':id/members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiErrors(400, 403, 404)
  removeMember(@CurrentUser() me: AuthUser, @Param() params: MemberParams): Promise<void> {
    return this.groups.removeMember(me.id, params.id, params.userId);
  }

  /** Set another member's role: owners set any; admins make members admins and admins members. */
  @Patch(':id/members/:userId')
  @ApiErrors(400, 403, 404)
  setRole(
    @CurrentUser() me: AuthUser,
    @Param() params: MemberParams,
    @Body() body: SetRoleDto,
  ): Promise<ConversationView> {
    return this.groups.setRole(me.id, params.id, params.userId, body.role);
  }

  /**
   * History in `seq` order. `before`: older than that message, newest first (scrolling up). `after`: newer than
   * that message, oldest first (catching up: nothing is skipped, even when several instances store at once).
   * Neither: the newest page. limit 1..100, default 50. A cursor that is not a message of this conversation is 400.
   * `around` (not with before or after): that message in context, as a MessageWindowView; 404 when you may not see it.
   */
  @Get(':id/messages')
  @ApiPageResponse(MessageView, { or: MessageWindowView })
  @ApiErrors(400, 403, 404)
  history(
    @CurrentUser() me: AuthUser,
    @Param() params: IdParam,
    @Query() query: HistoryQuery,
  ): Promise<Page<MessageView> | MessageWindowView> {
    if (query.around && (query.before || query.after)) {
      throw new BadRequestException({ message: 'Give around without before or after', code: 'invalid_cursor' });
    }
    return query.around
      ? this.messageHistory.window(me.id, params.id, query.around, query.limit)
      : this.messageHistory.page(me.id, params.id, query);
  }

  /**
   * Send a message (same path and same per-user rate limit as the socket's message:send); a repeated clientId
   * returns the stored one.
   */
  @Post(':id/messages')
  @UseGuards(SendAdmissionGuard)
  @ApiErrors(400, 403, 404, 409, 429, 503)
  async send(
    @CurrentUser() me: AuthUser,
    @Param() params: IdParam,
    @Body() body: SendMessageDto,
  ): Promise<MessageView> {
    const received = performance.now();
    this.rateLimit.take(me.id);
    const message = await this.messages.send(me.id, params.id, body);
    this.metrics.sendTimers.http.observe((performance.now() - received) / 1000);
    return message;
  }

  /** Mark the conversation read up to a message: your unread count drops to 0. */
  @Post(':id/read')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiErrors(400, 403, 404)
  read(@CurrentUser() me: AuthUser, @Param() params: IdParam, @Body() body: UpToDto): Promise<void> {
    return this.receipts.markRead(me.id, params.id, body.upTo);
  }
}
