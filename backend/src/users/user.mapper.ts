import type { AdminUserView, CurrentUserView, PublicUser } from '../contracts/users';
import type { User } from './schemas/user.schema';

type StoredUser = User & { _id: { toString(): string } };

/** The public fields of a user: a stored user, or one embedded by a $lookup with publicUserProjection(). */
export interface PublicUserFields {
  _id: { toString(): string };
  username: string;
  displayName: string;
  avatar: { toString(): string } | null;
  bio?: string;
  lastSeenAt?: Date | null;
  status?: string;
  origin?: string;
}

const PUBLIC_USER_FIELDS = ['_id', 'username', 'displayName', 'avatar', 'bio', 'lastSeenAt', 'status', 'origin'];

/** A $project stage fragment keeping only the public fields of the user embedded at `path`. */
export function publicUserProjection(path: string): Record<string, 1> {
  return Object.fromEntries(PUBLIC_USER_FIELDS.map((field) => [`${path}.${field}`, 1]));
}

export function toPublicUser(user: PublicUserFields): PublicUser {
  return {
    id: user._id.toString(),
    username: user.username,
    displayName: user.displayName,
    avatarUrl: user.avatar ? `/api/media/${user.avatar.toString()}/thumb` : null,
    bio: user.bio ?? '',
    ...(user.status === 'erased' ? { deleted: true } : {}),
    ...(user.origin === 'service' ? { service: true as const } : {}),
  };
}

export function toCurrentUserView(user: StoredUser): CurrentUserView {
  return {
    ...toPublicUser(user),
    email: user.email,
    emailVerified: user.emailVerified ?? false,
    roles: user.roles,
    ...(user.externalId ? { externalId: user.externalId } : {}),
    settings: {
      sound: user.settings?.sound ?? true,
      readReceipts: user.settings?.readReceipts ?? true,
      emailNotifications: user.settings?.emailNotifications ?? true,
      doNotDisturbUntil: user.settings?.doNotDisturbUntil?.toISOString() ?? null,
    },
    origin: user.origin ?? 'signup',
    createdAt: user.createdAt.toISOString(),
  };
}

/** `online` is filled in by the admin service from the presence registry. */
export function toAdminUserView(user: StoredUser): AdminUserView {
  return {
    ...toPublicUser(user),
    email: user.email,
    online: false,
    roles: user.roles,
    status: user.status,
    ...(user.externalId ? { externalId: user.externalId } : {}),
    lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
