import { IsMongoId } from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';

export class ServiceTokensQueryDto {
  /** nextCursor of the previous page. */
  @Omittable() @IsMongoId({ message: 'cursor is invalid' }) cursor?: string;
}
