import { Body, Controller, Post } from '@nestjs/common';

import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { ServiceMessageSent } from '../contracts/service-tokens';
import type { ServiceCaller } from '../service-tokens/service-tokens.service';
import { SendServiceMessageDto } from './dto/service-message.dto';
import { ServiceApiService } from './service-api.service';
import { CurrentService, RequiresScope, ServiceApi } from './service-auth';

@ServiceApi()
@Controller('service/messages')
export class ServiceMessagesController {
  constructor(private readonly service: ServiceApiService) {}

  /**
   * Scope `messages:send`. Send a message as the token's service account to an active person (no friendship
   * needed); it arrives like any message, from an account marked as a service. The same clientId again returns
   * the first message and delivers nothing new. 404 when no active person matches `to`; 403
   * `recipient_unavailable` when the person blocked the service account; 409 `client_id_reused` when the clientId
   * was used for another recipient.
   */
  @Post()
  @RequiresScope('messages:send')
  @ApiErrors(400, 404, 409)
  send(@CurrentService() caller: ServiceCaller, @Body() body: SendServiceMessageDto): Promise<ServiceMessageSent> {
    return this.service.send(caller, body);
  }
}
