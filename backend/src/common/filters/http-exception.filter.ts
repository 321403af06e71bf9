import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { ApiErrorBody } from '../../contracts/errors';

/**
 * Gives every HTTP error the same body: {statusCode, error, message, code?, errors?, retryAfterMs?} (socket acks
 * carry it too). A 429 says when to retry in a Retry-After header.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const retryAfter = retryAfterSeconds(exception);
    if (retryAfter) response.setHeader('Retry-After', String(retryAfter));
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }
}

export function toErrorBody(exception: unknown): ApiErrorBody & { retryAfterMs?: number } {
  if (isClientError(exception)) {
    return {
      statusCode: exception.status,
      error: STATUS_CODES[exception.status] ?? 'Error',
      message: exception.message,
    };
  }
  if (!(exception instanceof HttpException)) {
    return { statusCode: 500, error: STATUS_CODES[500]!, message: 'Something went wrong on our side' };
  }
  const statusCode = exception.getStatus();
  const error = STATUS_CODES[statusCode] ?? 'Error';
  const raw = exception.getResponse();
  if (typeof raw === 'string') return { statusCode, error, message: raw };
  const { message, code, errors, retryAfterMs } = raw as Partial<ApiErrorBody> & { retryAfterMs?: number };
  return {
    statusCode,
    error,
    message: message ?? error,
    ...(code ? { code } : {}),
    ...(errors ? { errors } : {}),
    ...(retryAfterMs ? { retryAfterMs } : {}),
    ...(statusCode === HttpStatus.TOO_MANY_REQUESTS && !message ? { message: 'Too many requests, slow down' } : {}),
  };
}

/**
 * An error of Express middleware about the request itself (the body parser's 413 for a body too large, 415 for an
 * unsupported charset, 400 for corrupt compression): http-errors marks those whose message a client may see.
 */
function isClientError(exception: unknown): exception is Error & { status: number } {
  const { status, expose } = exception as { status?: unknown; expose?: unknown };
  return exception instanceof Error && expose === true && typeof status === 'number' && status >= 400 && status < 500;
}

function retryAfterSeconds(exception: unknown): number | undefined {
  if (!(exception instanceof HttpException)) return undefined;
  const raw = exception.getResponse() as { retryAfterSeconds?: number; retryAfterMs?: number } | string;
  if (typeof raw !== 'object') return undefined;
  return raw.retryAfterMs ? Math.ceil(raw.retryAfterMs / 1000) : raw.retryAfterSeconds;
}
