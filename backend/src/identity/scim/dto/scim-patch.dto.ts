import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { Omittable } from '../../../common/pipes/omittable.decorator';
import { URN } from '../scim-schemas';

const PATCH_OPS = ['add', 'replace', 'remove'] as const;

export class ScimPatchOperationDto {
  /** Case-insensitive (Entra ID sends "Replace"). */
  @ApiProperty({ enum: PATCH_OPS, example: 'replace' })
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(PATCH_OPS)
  op: (typeof PATCH_OPS)[number];

  /** An attribute path such as `active`, `name.givenName` or `emails[type eq "work"].value`. @example "active" */
  @Omittable() @IsString() @MaxLength(500) path?: string;

  /** The new value; without `path`, an object of attributes. */
  @ApiProperty({ example: false })
  @Allow()
  value?: unknown;
}

/** RFC 7644 §3.5.2. */
export class ScimPatchDto {
  /** @example ["urn:ietf:params:scim:api:messages:2.0:PatchOp"] */
  @IsArray()
  @ArrayNotEmpty()
  @IsIn([URN.patchOp], { each: true, message: `schemas must be ["${URN.patchOp}"]` })
  schemas: string[];

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ScimPatchOperationDto)
  Operations: ScimPatchOperationDto[];
}
