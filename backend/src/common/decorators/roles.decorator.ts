import { SetMetadata } from '@nestjs/common';

import type { Role } from '../../contracts/users';

export const ROLES = 'roles';
/** Restricts a route (or controller) to users holding one of the roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
