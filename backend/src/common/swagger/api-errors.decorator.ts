import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import type { ApiErrorBody } from '../../contracts/errors';

export class ErrorResponse implements ApiErrorBody {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] })
  message: string | string[];
  @ApiPropertyOptional({ example: 'validation_failed' }) code?: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { password: ['password must be longer than or equal to 8 characters'] },
  })
  errors?: Record<string, string[]>;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'The body, query or path is invalid; `errors` maps each field to its messages',
  401: 'Missing, invalid or expired credentials',
  403: 'Signed in, but not allowed to do this',
  404: 'Not found',
  409: 'Conflicts with the current state (e.g. username taken)',
  429: 'Too many requests; retry after the Retry-After header',
};

/** Documents the error responses of a route, all with the common error body. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? STATUS_CODES[status], type: ErrorResponse }),
    ),
  );
