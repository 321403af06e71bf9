import { ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';

import { toErrorBody } from '../common/filters/http-exception.filter';
import type { Ack } from '../contracts/socket-events';

/**
 * Global filters don't apply to gateways: this one answers any error of an event handler in the event's ack with
 * the body an HTTP error would have, `{ok: false, error: {statusCode, error, message, code?, errors?,
 * retryAfterMs?}}`, so a client always hears back and can act on the code.
 */
@Catch()
export class WsExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WsError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ack = host.getArgByIndex<unknown>(2);
    const error = toErrorBody(exception);
    if (error.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (typeof ack === 'function') (ack as (response: Ack) => void)({ ok: false, error });
  }
}
