import { Type } from 'class-transformer';
import { IsInt, IsString, MaxLength } from 'class-validator';

import { Omittable } from '../../../common/pipes/omittable.decorator';

export class ScimListQueryDto {
  /** `userName eq "…"`, `externalId eq "…"` or `emails[type eq "work"].value eq "…"`. */
  @Omittable() @IsString() @MaxLength(1000) filter?: string;

  /** 1-based index of the first result. @example 1 */
  @Omittable() @Type(() => Number) @IsInt() startIndex?: number;

  /** Results per page (at most 200). @example 100 */
  @Omittable() @Type(() => Number) @IsInt() count?: number;

  /** Accepted; whole resources are returned. */
  @Omittable() @IsString() @MaxLength(1000) attributes?: string;

  /** Accepted; whole resources are returned. */
  @Omittable() @IsString() @MaxLength(1000) excludedAttributes?: string;
}
