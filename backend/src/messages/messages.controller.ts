import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { MessageHistoryView, type MessageReactionsView, MessageView } from '../contracts/messages';
import { DeleteMessageQuery, ForwardMessageDto, IdParam, MessageTextDto, ReactionParams } from './dto/message.dto';
import { MessageRateLimit } from './message-rate-limit';
import { MessagesService } from './messages.service';
import { ReactionsService } from './reactions.service';

@ApiTags('conversations')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('messages')
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly reactions: ReactionsService,
    private readonly rateLimit: MessageRateLimit,
  ) {}

  /** Edit your own message (not once deleted); the text it replaces is kept in its history. */
  @Patch(':id')
  @ApiErrors(400, 403, 404, 409)
  edit(@CurrentUser() me: AuthUser, @Param() params: IdParam, @Body() body: MessageTextDto): Promise<MessageView> {
    return this.messages.edit(me.id, params.id, body.text);
  }

  /**
   * Delete your own message for everyone: its content goes, a "message deleted" marker stays (200 with it). With
   * `for=me`, any message you can see disappears for you only (204; idempotent; your other tabs get `message:hidden`).
   */
  @Delete(':id')
  @ApiOkResponse({ type: MessageView })
  @ApiNoContentResponse({ description: 'for=me: hidden for you' })
  @ApiErrors(400, 403, 404)
  async remove(
    @CurrentUser() me: AuthUser,
    @Param() params: IdParam,
    @Query() query: DeleteMessageQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MessageView | void> {
    if (query.for === 'me') {
      res.status(HttpStatus.NO_CONTENT);
      return this.messages.hideForMe(me.id, params.id);
    }
    return this.messages.remove(me.id, params.id);
  }

  /** React with an emoji (a second PUT changes nothing); everyone who sees the message hears `message:reactions`. */
  @Put(':id/reactions/:emoji')
  @ApiErrors(400, 403, 404, 409, 429)
  react(@CurrentUser() me: AuthUser, @Param() params: ReactionParams): Promise<MessageReactionsView> {
    this.rateLimit.take(me.id);
    return this.reactions.add(me.id, params.id, params.emoji);
  }

  /** Take your reaction back (a second DELETE changes nothing). */
  @Delete(':id/reactions/:emoji')
  @ApiErrors(400, 403, 404, 409, 429)
  unreact(@CurrentUser() me: AuthUser, @Param() params: ReactionParams): Promise<MessageReactionsView> {
    this.rateLimit.take(me.id);
    return this.reactions.remove(me.id, params.id, params.emoji);
  }

  /** Forward a message you can see to a conversation you may write to, once per clientId. */
  @Post(':id/forward')
  @HttpCode(201)
  @ApiErrors(400, 403, 404, 409, 429)
  forward(
    @CurrentUser() me: AuthUser,
    @Param() params: IdParam,
    @Body() body: ForwardMessageDto,
  ): Promise<MessageView> {
    this.rateLimit.take(me.id);
    return this.messages.forward(me.id, params.id, body.conversationId, body.clientId);
  }

  /** The earlier versions of an edited message you can see, oldest first (none for a deleted one). */
  @Get(':id/history')
  @ApiErrors(400, 403, 404)
  history(@CurrentUser() me: AuthUser, @Param() params: IdParam): Promise<MessageHistoryView> {
    return this.messages.history(me.id, params.id);
  }
}
