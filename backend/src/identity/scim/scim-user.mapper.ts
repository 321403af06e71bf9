import type { UserDocument } from '../../users/schemas/user.schema';
import { SCIM_PATH, URN } from './scim-schemas';

/** A User resource as this service returns it (RFC 7643 §4.1). */
export interface ScimUser {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  name: { formatted: string; givenName?: string; familyName?: string };
  displayName: string;
  emails: { value: string; type: 'work'; primary: true }[];
  active: boolean;
  meta: { resourceType: 'User'; created: string; lastModified: string; location: string };
}

/** `baseUrl`: where the app is reached (APP_URL), for meta.location. */
export function toScimUser(user: UserDocument, baseUrl: string): ScimUser {
  const id = user._id.toString();
  return {
    schemas: [URN.user],
    id,
    ...(user.scimExternalId ? { externalId: user.scimExternalId } : {}),
    userName: user.scimUserName ?? user.username,
    name: {
      formatted: user.displayName,
      ...(user.givenName ? { givenName: user.givenName } : {}),
      ...(user.familyName ? { familyName: user.familyName } : {}),
    },
    displayName: user.displayName,
    emails: [{ value: user.email, type: 'work', primary: true }],
    active: user.status === 'active',
    meta: {
      resourceType: 'User',
      created: user.createdAt.toISOString(),
      lastModified: user.updatedAt.toISOString(),
      location: `${baseUrl}${SCIM_PATH}/Users/${id}`,
    },
  };
}
