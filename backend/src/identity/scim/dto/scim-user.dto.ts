import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsObject,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { Omittable } from '../../../common/pipes/omittable.decorator';
import { URN } from '../scim-schemas';

/** Entra ID sends booleans as "True" / "False". */
export const ScimBoolean = () =>
  Transform(({ value }) => {
    const text = typeof value === 'string' ? value.toLowerCase() : null;
    return text === 'true' ? true : text === 'false' ? false : value;
  });

export class ScimNameDto {
  /** @example "Ada Lovelace" */
  @Omittable() @IsString() @MaxLength(200) formatted?: string;
  /** @example "Lovelace" */
  @Omittable() @IsString() @MaxLength(100) familyName?: string;
  /** @example "Ada" */
  @Omittable() @IsString() @MaxLength(100) givenName?: string;
  @Omittable() @IsString() @MaxLength(100) middleName?: string;
  @Omittable() @IsString() @MaxLength(100) honorificPrefix?: string;
  @Omittable() @IsString() @MaxLength(100) honorificSuffix?: string;
}

export class ScimEmailDto {
  /** @example "ada@example.com" */
  @IsEmail({}, { message: 'emails.value must be a valid email address' }) @MaxLength(254) value: string;
  /** @example "work" */
  @Omittable() @IsString() @MaxLength(50) type?: string;
  /** @example true */
  @Omittable() @ScimBoolean() @IsBoolean() primary?: boolean;
  @Omittable() @IsString() @MaxLength(254) display?: string;
}

/**
 * A User resource as an identity provider sends it (POST, PUT). Attribute names are case-insensitive. The other
 * attributes of RFC 7643's User and of the enterprise extension (title, phoneNumbers, password, …) are accepted
 * and not kept; any other attribute, and any other schema, is refused with 400.
 */
export class ScimUserDto {
  /** @example ["urn:ietf:params:scim:schemas:core:2.0:User"] */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(5)
  @IsIn([URN.user, URN.enterpriseUser], { each: true, message: 'schemas may only name the User schemas' })
  schemas: string[];

  /** Unique, case-insensitive; often the e-mail address. @example "ada@example.com" */
  @IsString() @Length(1, 254) userName: string;

  @Omittable() @IsObject() @ValidateNested() @Type(() => ScimNameDto) name?: ScimNameDto;

  /** Longer names are cut to the chat's 50 characters. @example "Ada Lovelace" */
  @Omittable() @IsString() @Length(1, 256) displayName?: string;

  /** Required unless userName is an e-mail address. The primary (or work, or first) address is kept. */
  @ApiProperty({ example: [{ value: 'ada@example.com', type: 'work', primary: true }] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ScimEmailDto)
  emails?: ScimEmailDto[];

  /** false: deactivated. Also "True" / "False". @example true */
  @Omittable() @ScimBoolean() @IsBoolean() active?: boolean;

  /** The identity provider's id of the person. @example "00u1a2b3c4d5e6f7g8h9" */
  @Omittable() @IsString() @Length(1, 255) externalId?: string;
}
