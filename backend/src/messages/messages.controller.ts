import { Body, Controller, Delete, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import type { MessageReactionsView, MessageView } from '../contracts/messages';
import { ForwardMessageDto, IdParam, MessageTextDto, ReactionParams } from './dto/message.dto';
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

  /** Edit your own message (not once deleted). */
  @Patch(':id')
  @ApiErrors(400, 403, 404, 409)
  edit(@CurrentUser() me: AuthUser, @Param() params: IdParam, @Body() body: MessageTextDto): Promise<MessageView> {
    return this.messages.edit(me.id, params.id, body.text);
  }

  /** Delete your own message: its content goes, a "message deleted" marker stays. */
  @Delete(':id')
  @ApiErrors(400, 403, 404)
  remove(@CurrentUser() me: AuthUser, @Param() params: IdParam): Promise<MessageView> {
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
}
