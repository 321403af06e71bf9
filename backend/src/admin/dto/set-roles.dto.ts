import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';

import type { Role } from '../../contracts/users';

export class SetRolesDto {
  /** The complete set of roles; "user" is always kept. @example ["user", "admin"] */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsIn(['user', 'admin'], { each: true, message: 'roles may only contain "user" and "admin"' })
  roles: Role[];
}
