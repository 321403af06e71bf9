import { Transform, Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, Length, Matches, ValidateBy, ValidateNested } from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';
import { MAX_TEXT_LENGTH } from '../../contracts/messages';
import { USER_REF_KINDS, type UserRef } from '../../users/user-ref';

/** Names the recipient by exactly one of its four fields. */
export class UserRefDto {
  /** @example "665f1c2e8b3e4a1d2c9f0a11" */
  @Omittable() @IsString() @Length(1, 64) userId?: string;
  /** @example "ada" */
  @Omittable() @IsString() @Length(1, 64) username?: string;
  /** @example "ada@acme.com" */
  @Omittable() @IsString() @Length(1, 254) email?: string;
  /** The person's subject at the single sign-on provider. */
  @Omittable() @IsString() @Length(1, 255) externalId?: string;
}

/** The one reference the DTO holds (validation made sure there is exactly one). */
export function toUserRef(dto: UserRefDto): UserRef {
  const kind = USER_REF_KINDS.find((key) => dto[key] !== undefined)!;
  return { [kind]: dto[kind] } as UserRef;
}

const ExactlyOneRef = () =>
  ValidateBy({
    name: 'exactlyOneRef',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        USER_REF_KINDS.filter((kind) => (value as Record<string, unknown>)[kind] !== undefined).length === 1,
      defaultMessage: () => 'to must have exactly one of userId, username, email, externalId',
    },
  });

export class SendServiceMessageDto {
  @IsDefined({ message: 'to is required' })
  @IsObject({ message: 'to must be an object' })
  @ExactlyOneRef()
  @ValidateNested()
  @Type(() => UserRefDto)
  to: UserRefDto;

  /** 1 to 4,000 characters after trimming. @example "Your expense report was approved" */
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, MAX_TEXT_LENGTH, { message: `text must be 1 to ${MAX_TEXT_LENGTH} characters` })
  text: string;

  /**
   * Chosen by the caller (e.g. the id of the event it notifies about); sending again with the same clientId
   * returns the message sent the first time and delivers nothing new. @example "expense-4711-approved"
   */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'clientId must be 8 to 64 of A-Z, a-z, 0-9, "_" and "-"' })
  clientId: string;
}
