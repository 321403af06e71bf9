import { Transform } from 'class-transformer';
import { IsString, Length, MaxLength } from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';

export class SearchUsersDto {
  /** Prefix of a username or display name. @example "ad" */
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Length(1, 50)
  q: string;

  /** nextCursor of the previous page. */
  @Omittable() @IsString() @MaxLength(200) cursor?: string;
}
