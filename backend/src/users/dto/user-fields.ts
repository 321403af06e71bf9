import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches, MaxLength } from 'class-validator';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** 3 to 30 of a-z, 0-9, "_" and "."; stored lowercase. */
export const IsUsername = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    IsString(),
    Length(3, 30),
    Matches(/^[a-z0-9_.]+$/, { message: 'username may contain only letters, digits, "_" and "."' }),
  );

export const IsDisplayName = () => applyDecorators(trim, IsString(), Length(1, 50));

export const IsBio = () => applyDecorators(trim, IsString(), MaxLength(280));

export const IsPassword = () => applyDecorators(IsString(), Length(8, 128));
