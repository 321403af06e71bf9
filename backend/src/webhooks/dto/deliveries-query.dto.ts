import { IsMongoId } from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';

export class DeliveriesQueryDto {
  /** nextCursor of the previous page. */
  @Omittable() @IsMongoId({ message: 'cursor is invalid' }) cursor?: string;
}
