import { Transform } from 'class-transformer';
import { isEmail, Matches, ValidateBy } from 'class-validator';

/** Trims strings; leaves anything else for the validators to reject. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and lowercases strings (usernames, emails, search prefixes). */
export const TrimLower = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

export const USERNAME_PATTERN = /^[a-z0-9_.]+$/;
export const USERNAME_MESSAGE = 'username may contain only letters, digits, "_" and "."';

/** A UTF-16 surrogate that is not part of a pair: not a character at all. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A valid email address. Checks the string is well-formed UTF-16 first: the email validator throws (URIError)
 * on a lone surrogate instead of rejecting it.
 */
export const IsEmailAddress = () =>
  ValidateBy({
    name: 'isEmailAddress',
    validator: {
      validate: (value) => typeof value === 'string' && !LONE_SURROGATE.test(value) && isEmail(value),
      defaultMessage: () => 'email must be a valid email address',
    },
  });

/** No NUL characters: the database refuses them in a search pattern. */
export const NoNulCharacters = () =>
  Matches(/^[^\u0000]*$/, { message: ({ property }) => `${property} must not contain NUL characters` });
