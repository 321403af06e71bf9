import { plainToInstance } from 'class-transformer';
import { isEmail, validateSync } from 'class-validator';

import { fieldErrors } from '../../common/pipes/validation.pipe';
import type { ProvisionedIdentity } from '../../users/provisioned-users.service';
import { ScimUserDto } from './dto/scim-user.dto';
import { scimError } from './scim-errors';
import { IGNORED_ATTRIBUTES, KEPT_ATTRIBUTES } from './scim-schemas';

const DISPLAY_NAME_MAX = 50;

/**
 * A User resource from an identity provider, checked: attributes this service keeps are validated, attributes of
 * the SCIM User schema it does not keep are dropped, anything else is refused (400 invalidSyntax) so that a typo
 * or a custom attribute is noticed rather than silently lost.
 */
export function readScimUser(body: unknown): ScimUserDto {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw scimError(400, 'invalidSyntax', 'The body must be a SCIM User resource (a JSON object)');
  }
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const name = KEPT_ATTRIBUTES.get(key.toLowerCase());
    if (name) kept[name] = value;
    else if (!IGNORED_ATTRIBUTES.has(key.toLowerCase())) {
      throw scimError(400, 'invalidSyntax', `Unknown attribute "${key.slice(0, 100)}"`);
    }
  }
  const user = plainToInstance(ScimUserDto, kept);
  const errors = validateSync(user, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw scimError(400, 'invalidValue', Object.values(fieldErrors(errors)).flat().join('; '));
  }
  return user;
}

/** What the account keeps of a validated resource. */
export function toIdentity(user: ScimUserDto): ProvisionedIdentity {
  const emails = user.emails ?? [];
  const chosen =
    emails.find((email) => email.primary) ?? emails.find((email) => email.type?.toLowerCase() === 'work') ?? emails[0];
  const userName = user.userName.trim();
  if (!userName) throw scimError(400, 'invalidValue', 'userName must not be blank');
  const email = chosen?.value ?? (isEmail(userName) ? userName : null);
  if (!email) {
    throw scimError(400, 'invalidValue', 'emails must hold an e-mail address when userName is not one');
  }
  const given = user.name?.givenName?.trim() || undefined;
  const family = user.name?.familyName?.trim() || undefined;
  const displayName =
    user.displayName?.trim() ||
    user.name?.formatted?.trim() ||
    [given, family].filter(Boolean).join(' ') ||
    userName.split('@')[0];
  return {
    scimUserName: userName,
    email: email.toLowerCase(),
    displayName: displayName.slice(0, DISPLAY_NAME_MAX),
    givenName: given,
    familyName: family,
    scimExternalId: user.externalId,
  };
}
