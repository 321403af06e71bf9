import { Transform } from 'class-transformer';

/** Trims strings; leaves anything else for the validators to reject. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and lowercases strings (usernames, emails, search prefixes). */
export const TrimLower = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

export const USERNAME_PATTERN = /^[a-z0-9_.]+$/;
export const USERNAME_MESSAGE = 'username may contain only letters, digits, "_" and "."';
