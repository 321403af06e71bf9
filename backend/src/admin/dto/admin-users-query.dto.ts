import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class AdminUsersQueryDto {
  /** Prefix of a username or display name. */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(50)
  q?: string;

  /** nextCursor of the previous page. */
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
