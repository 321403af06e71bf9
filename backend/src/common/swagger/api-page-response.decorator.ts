import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/**
 * Documents a route's 200 answer as a `Page<T>` of `item` (the CLI plugin cannot read a generic return type), or,
 * with `or`, as either that page or the `or` model (a query parameter chooses).
 */
export const ApiPageResponse = (item: Type, options: { description?: string; or?: Type } = {}) => {
  const page = {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: { $ref: getSchemaPath(item) } },
      nextCursor: {
        type: 'string',
        nullable: true,
        description: 'Pass as `cursor` to get the next page; null on the last one.',
      },
    },
  };
  const { description, or } = options;
  return applyDecorators(
    ApiExtraModels(item, ...(or ? [or] : [])),
    ApiOkResponse({ description, schema: or ? { oneOf: [page, { $ref: getSchemaPath(or) }] } : page }),
  );
};
