import { STATUS_CODES } from 'node:http';

import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

import { ApiErrorBody } from '../../contracts/errors';

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
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? STATUS_CODES[status],
        type: ApiErrorBody,
        ...(status === 429
          ? {
              headers: {
                'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
              },
            }
          : {}),
      }),
    ),
  );
