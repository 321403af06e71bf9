import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsMongoId, IsString, MaxLength } from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';
import { HOLD_KINDS, type HoldKind } from '../../contracts/compliance';

export class PlaceHoldDto {
  /** @example "user" */
  @ApiProperty({ enum: HOLD_KINDS })
  @IsIn(HOLD_KINDS, { message: `kind must be one of ${HOLD_KINDS.join(', ')}` })
  kind: HoldKind;

  /** The user's or the conversation's id. */
  @IsMongoId({ message: 'targetId must be a user or conversation id' }) targetId: string;

  /** Why, for the record: up to 200 characters. @example "Case 2026-114" */
  @Omittable()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(200)
  reason?: string;
}
