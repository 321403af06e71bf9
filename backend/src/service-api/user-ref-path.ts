import { BadRequestException } from '@nestjs/common';
import { isMongoId } from 'class-validator';

import type { UserRef } from '../users/user-ref';

/** How `:ref` in /api/service/users/:ref names its kind: `username:ada`, `email:ada@acme.com`, `ext:<sub>`, `id:<id>`. */
const PREFIXES: Record<string, (value: string) => UserRef> = {
  id: (userId) => ({ userId }),
  username: (username) => ({ username }),
  email: (email) => ({ email }),
  ext: (externalId) => ({ externalId }),
};

/**
 * The person a path segment names: `<kind>:<value>` (split at the first colon, so an external id may hold more),
 * or a bare account id. 400 `invalid_user_ref` for an unknown kind, an empty value or an id that is no id.
 */
export function parseUserRefPath(ref: string): UserRef {
  const colon = ref.indexOf(':');
  const [prefix, value] = colon < 0 ? ['id', ref] : [ref.slice(0, colon), ref.slice(colon + 1)];
  const kind = PREFIXES[prefix];
  if (!kind || !value || (prefix === 'id' && !isMongoId(value))) {
    throw new BadRequestException({
      message: 'ref must be an account id or one of username:<name>, email:<address>, ext:<external id>, id:<id>',
      code: 'invalid_user_ref',
    });
  }
  return kind(value);
}
