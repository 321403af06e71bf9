import { Transform } from 'class-transformer';
import { IsString, MaxLength } from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';

export class AdminUsersQueryDto {
  /** Prefix of a username or display name. */
  @Omittable()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(50)
  q?: string;

  /** nextCursor of the previous page. */
  @Omittable() @IsString() @MaxLength(200) cursor?: string;
}
