import { IsMongoId, IsOptional } from 'class-validator';

export class AuditQueryDto {
  /** nextCursor of the previous page. */
  @IsOptional() @IsMongoId({ message: 'cursor is invalid' }) cursor?: string;
}
