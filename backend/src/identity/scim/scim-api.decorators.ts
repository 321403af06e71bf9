import { STATUS_CODES } from 'node:http';

import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';

import { ScimErrorDto } from './dto/scim-responses.dto';
import { SCIM_CONTENT_TYPE } from './scim-schemas';

/** Tag, the SCIM_TOKEN bearer, SCIM's content type, and the errors every SCIM route can answer. */
export const ScimApi = () =>
  applyDecorators(ApiTags('SCIM'), ApiBearerAuth(), ApiProduces(SCIM_CONTENT_TYPE), ScimErrors(400, 401, 404, 429));

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid filter, attribute, value or body (scimType tells which)',
  401: 'Missing or wrong SCIM bearer token (SCIM_TOKEN)',
  404: 'No such resource, or SCIM is off (no SCIM_TOKEN set)',
  409: 'Another account has this userName or e-mail (scimType uniqueness), or the last admin would go',
  429: 'Too many wrong tokens from this address; retry after the Retry-After header',
};

/** Error responses with RFC 7644's error body. */
export const ScimErrors = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? STATUS_CODES[status], type: ScimErrorDto }),
    ),
  );
