import { ArgumentsHost, Catch, type ExceptionFilter, HttpStatus, Injectable, Logger } from '@nestjs/common';

import { isServerFault, toErrorBody } from '../common/filters/http-exception.filter';
import type { Ack } from '../contracts/socket-events';
import { MetricsService } from '../metrics/metrics.service';

/**
 * Global filters don't apply to gateways: this one answers any error of an event handler in the event's ack with
 * the body an HTTP error would have, `{ok: false, error: {statusCode, error, message, code?, errors?,
 * retryAfterMs?}}`, so a client always hears back and can act on the code.
 */
@Catch()
@Injectable()
export class WsExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WsError');

  constructor(private readonly metrics: MetricsService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ack = host.getArgByIndex<unknown>(2);
    const error = toErrorBody(exception);
    if (isServerFault(error)) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (error.statusCode === HttpStatus.TOO_MANY_REQUESTS) this.metrics.socketRateLimited();
    if (typeof ack === 'function') (ack as (response: Ack) => void)({ ok: false, error });
  }
}
