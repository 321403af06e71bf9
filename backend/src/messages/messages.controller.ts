import { Body, Controller, Delete, Get, HttpStatus, Param, Patch, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { MessageHistoryView, MessageView } from '../contracts/messages';
import { DeleteMessageQuery, IdParam, MessageTextDto } from './dto/message.dto';
import { MessagesService } from './messages.service';

@ApiTags('conversations')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

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

  /** The earlier versions of an edited message you can see, oldest first (none for a deleted one). */
  @Get(':id/history')
  @ApiErrors(400, 403, 404)
  history(@CurrentUser() me: AuthUser, @Param() params: IdParam): Promise<MessageHistoryView> {
    return this.messages.history(me.id, params.id);
  }
}
