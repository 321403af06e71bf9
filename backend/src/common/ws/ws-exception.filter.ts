import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import type { Ack } from '../../contracts/socket-events';

/**
 * Global filters don't apply to gateways: this one turns any error of an event handler into the event's ack,
 * `{ok: false, error: {status, message}}`, so a client always hears back.
 */
@Catch()
export class WsExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WsError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ack = host.getArgByIndex<unknown>(2);
    const error = toWsError(exception);
    if (error.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (typeof ack === 'function') (ack as (response: Ack) => void)({ ok: false, error });
  }
}

function toWsError(exception: unknown): { status: number; message: string } {
  if (exception instanceof HttpException) {
    const raw = exception.getResponse();
    const message = typeof raw === 'string' ? raw : (raw as { message?: string | string[] }).message;
    return { status: exception.getStatus(), message: flatten(message) ?? exception.message };
  }
  if (exception instanceof WsException) {
    const raw = exception.getError();
    if (typeof raw === 'string') return { status: 400, message: raw };
    const { status, message } = raw as { status?: number; message?: string | string[] };
    return { status: status ?? 400, message: flatten(message) ?? 'Bad request' };
  }
  return { status: 500, message: 'Something went wrong on our side' };
}

function flatten(message: string | string[] | undefined): string | undefined {
  return Array.isArray(message) ? message.join('; ') : message;
}
