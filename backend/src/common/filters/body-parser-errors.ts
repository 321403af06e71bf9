import { HttpException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { toErrorBody } from './http-exception.filter';

const MESSAGES: Record<string, { message: string; code: string }> = {
  'entity.parse.failed': { message: 'The request body is not valid JSON', code: 'invalid_json' },
  'entity.too.large': { message: 'The request body is too large', code: 'body_too_large' },
};

/**
 * Answers the body parsers' client errors (malformed JSON: 400, too large: 413, …) with the standard error body.
 * They must be answered here, right after the parsers: further down, @nestjs/serve-static's error handler turns
 * any error on an /api route into a 404 "Cannot POST …".
 */
export function bodyParserErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
  const known = typeof type === 'string' ? MESSAGES[type] : undefined;
  const message = known?.message ?? (error as Error).message;
  res.status(status).json(toErrorBody(new HttpException({ message, ...(known ? { code: known.code } : {}) }, status)));
}
