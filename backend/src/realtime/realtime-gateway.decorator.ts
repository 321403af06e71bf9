import { applyDecorators, UseFilters, UsePipes } from '@nestjs/common';
import { WebSocketGateway } from '@nestjs/websockets';

import { createValidationPipe } from '../common/pipes/validation.pipe';
import { WsExceptionFilter } from './ws-exception.filter';

/**
 * Handlers on the app's one Socket.IO server (the connection gateway authenticated its sockets). Global pipes and
 * filters don't apply to gateways, so payloads are validated here with the HTTP rules, and errors answer the ack
 * with the HTTP error body.
 */
export const RealtimeGateway = () =>
  applyDecorators(WebSocketGateway(), UseFilters(WsExceptionFilter), UsePipes(createValidationPipe()));
