import { WsException } from '@nestjs/websockets';
import { createValidationPipe, fieldErrors } from '../pipes/validation.pipe';

/** The HTTP validation rules for socket payloads, failing with an ack error instead of an HTTP 400. */
export const createWsValidationPipe = () =>
  createValidationPipe(
    (errors) => new WsException({ status: 400, message: Object.values(fieldErrors(errors)).flat() }),
  );
