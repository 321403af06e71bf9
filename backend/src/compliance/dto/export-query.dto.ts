import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsMongoId, ValidateBy } from 'class-validator';

const MAX_USERS = 100;

/** `to` after `from`: the range is [from, to). */
const AfterFrom = () =>
  ValidateBy({
    name: 'afterFrom',
    validator: {
      validate: (value, args) => {
        const from = Date.parse((args!.object as ExportQueryDto).from);
        return typeof value === 'string' && !Number.isNaN(from) && Date.parse(value) > from;
      },
      defaultMessage: () => 'to must be later than from',
    },
  });

export class ExportQueryDto {
  /** Start of the range (inclusive), ISO 8601. @example "2026-01-01" */
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date' }) from: string;

  /** End of the range (exclusive), ISO 8601, after `from`. @example "2026-07-01" */
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date' })
  @AfterFrom()
  to: string;

  /**
   * The users whose conversations to export (comma-separated ids, 1 to 100): every message of every conversation
   * they take or took part in.
   */
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((id) => id.trim()) : value))
  @IsArray({ message: 'userIds must be a comma-separated list of user ids' })
  @ArrayMinSize(1, { message: 'userIds must name at least one user' })
  @ArrayMaxSize(MAX_USERS, { message: `userIds may name at most ${MAX_USERS} users` })
  @IsMongoId({ each: true, message: 'userIds must be a comma-separated list of user ids' })
  userIds: string[];
}
