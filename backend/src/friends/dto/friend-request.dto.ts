import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsMongoId, Max, Min } from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';

export class SendFriendRequestDto {
  /** Id of the user to ask. @example "665f1c2e8b3e4a1d2c9f0a11" */
  @IsMongoId({ message: 'to must be a user id' }) to: string;
}

export class RequestIdParam {
  @IsMongoId({ message: 'id must be a valid id' }) id: string;
}

export class FriendUserIdParam {
  @IsMongoId({ message: 'userId must be a valid id' }) userId: string;
}

export class ListRequestsQuery {
  /** Requests sent to you (incoming) or by you (outgoing). */
  @ApiProperty({ enum: ['incoming', 'outgoing'] })
  @IsIn(['incoming', 'outgoing'])
  direction: 'incoming' | 'outgoing';
  /** nextCursor of the previous page. */
  @Omittable() @IsMongoId({ message: 'cursor is invalid' }) cursor?: string;
  @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class PageQuery {
  /** nextCursor of the previous page. */
  @Omittable() @IsMongoId({ message: 'cursor is invalid' }) cursor?: string;
  @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}
