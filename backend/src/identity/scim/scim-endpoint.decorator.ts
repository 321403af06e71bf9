import { applyDecorators, UseGuards, UseInterceptors } from '@nestjs/common';

import { ScimAuthGuard } from './scim-auth.guard';
import { ScimContentTypeInterceptor } from './scim-content-type.interceptor';

/** A SCIM route: the identity provider's bearer token instead of a user's, and SCIM's content type. */
export const ScimEndpoint = () =>
  applyDecorators(UseGuards(ScimAuthGuard), UseInterceptors(ScimContentTypeInterceptor));
