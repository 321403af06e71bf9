import { STATUS_CODES } from 'node:http';

import { ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

import type { ApiErrorBody } from '../../contracts/errors';
import { isScimRequest, toScimErrorBody } from '../../identity/scim/scim-errors';
import { SCIM_CONTENT_TYPE } from '../../identity/scim/scim-schemas';

/**
 * A client error raised by Express middleware (http-errors): an unsatisfiable Range from res.sendFile, a body too
 * large (413), an unsupported charset or encoding (415), corrupt compression (400).
 */
interface ExpressClientError extends Error {
  status: number;
  expose: true;
  /** body-parser's reason, e.g. 'entity.parse.failed'. */
  type?: string;
  headers?: Record<string, string>;
}

/** What body-parser's errors tell a client, instead of the parser's own wording. */
const BODY_ERRORS: Record<string, { code: string; message: string }> = {
  'entity.parse.failed': { code: 'invalid_json', message: 'The request body is not valid JSON' },
  'entity.too.large': { code: 'body_too_large', message: 'The request body is too large' },
  'charset.unsupported': { code: 'unsupported_charset', message: 'The request body has an unsupported charset' },
  'encoding.unsupported': { code: 'unsupported_encoding', message: 'The request body has an unsupported encoding' },
};

/**
 * Gives every HTTP error the same body: {statusCode, error, message, code?, errors?, retryAfterMs?} (socket acks
 * carry it too). A 429 says when to retry in a Retry-After header. Under /scim/v2 the same error is told in
 * RFC 7644's form instead, which is what identity providers read.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    // A client that hangs up (a video it stops watching) is normal: nobody is left to answer.
    if (isClientAbort(exception)) {
      this.logger.debug(`client went away: ${exception.message}`);
      return;
    }
    const body = toErrorBody(exception);
    if (isServerFault(body)) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const retryAfter = retryAfterSeconds(exception);
    if (retryAfter) response.setHeader('Retry-After', String(retryAfter));
    if (isExpressClientError(exception)) {
      // res.sendFile may have described the file already; the answer is the error body, with the error's headers.
      for (const name of ['Content-Type', 'ETag', 'Last-Modified']) response.removeHeader(name);
      for (const [name, value] of Object.entries(exception.headers ?? {})) response.setHeader(name, value);
    }
    if (response.headersSent) return;
    if (isScimRequest(host.switchToHttp().getRequest<Request>().path)) {
      response.status(body.statusCode).type(SCIM_CONTENT_TYPE).json(toScimErrorBody(body, exception));
    } else {
      response.status(body.statusCode).json(body);
    }
  }
}

export function toErrorBody(exception: unknown): ApiErrorBody {
  if (isExpressClientError(exception)) {
    const statusCode = exception.status;
    const known = exception.type ? BODY_ERRORS[exception.type] : undefined;
    return {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message: known?.message ?? exception.message,
      code: known?.code ?? codeOf(statusCode),
    };
  }
  if (!(exception instanceof HttpException)) {
    return {
      statusCode: 500,
      error: STATUS_CODES[500]!,
      message: 'Something went wrong on our side',
      code: codeOf(500),
    };
  }
  const statusCode = exception.getStatus();
  const error = STATUS_CODES[statusCode] ?? 'Error';
  const raw = exception.getResponse();
  if (typeof raw === 'string') return { statusCode, error, message: raw, code: codeOf(statusCode) };
  const { message, code, errors, retryAfterMs } = raw as Partial<ApiErrorBody>;
  return {
    statusCode,
    error,
    message: message ?? error,
    code: code ?? codeOf(statusCode),
    ...(errors ? { errors } : {}),
    ...(retryAfterMs ? { retryAfterMs } : {}),
    ...(statusCode === HttpStatus.TOO_MANY_REQUESTS && !message ? { message: 'Too many requests, slow down' } : {}),
  };
}

/**
 * A 5xx worth a stack trace in the log. A `busy` answer is not one: it is the server shedding load as designed, and
 * logging a stack per refused send would only add to the overload.
 */
export function isServerFault(body: ApiErrorBody): boolean {
  return body.statusCode >= 500 && body.code !== 'busy';
}

/** A machine-readable code for errors that bring none: the status in snake case ("not_found", "unauthorized"). */
function codeOf(statusCode: number): string {
  return (STATUS_CODES[statusCode] ?? 'error')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function isExpressClientError(exception: unknown): exception is ExpressClientError {
  if (!(exception instanceof Error)) return false;
  const { status, expose } = exception as Partial<ExpressClientError>;
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}

function isClientAbort(exception: unknown): exception is Error {
  const code = (exception as { code?: unknown } | null)?.code;
  return exception instanceof Error && (code === 'ECONNABORTED' || code === 'ECONNRESET');
}

function retryAfterSeconds(exception: unknown): number | undefined {
  if (!(exception instanceof HttpException)) return undefined;
  const raw = exception.getResponse() as { retryAfterSeconds?: number; retryAfterMs?: number } | string;
  if (typeof raw !== 'object') return undefined;
  return raw.retryAfterMs ? Math.ceil(raw.retryAfterMs / 1000) : raw.retryAfterSeconds;
}
