import { Transform } from 'class-transformer';
import { IsMongoId, IsString, Length, MaxLength } from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';
import { MAX_QUERY_LENGTH } from '../search-terms';

export class SearchQuery {
  /**
   * Words to find, 1 to 200 characters: each must begin a word of the message (a one-letter word must be the whole
   * word), in any case and with or without accents. Anything but letters and digits separates words and is never a
   * pattern. @example "quart rep"
   */
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, MAX_QUERY_LENGTH, { message: `q must be 1 to ${MAX_QUERY_LENGTH} characters` })
  q: string;

  /** Search only this conversation (one you are or were in). */
  @Omittable() @IsMongoId({ message: 'conversationId must be a valid id' }) conversationId?: string;

  /** nextCursor of the previous page. */
  @Omittable() @IsString() @MaxLength(200) cursor?: string;
}
