import { Body, Controller, Delete, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import type { MessageView } from '../contracts/messages';
import { IdParam, MessageTextDto } from './dto/message.dto';
import { MessagesService } from './messages.service';

@ApiTags('conversations')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

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
}
