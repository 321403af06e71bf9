import type { FriendRequestView, FriendView } from '../contracts/friends';
import type { PublicUser } from '../contracts/users';
import type { FriendRequest } from './schemas/friend-request.schema';

/** The public fields of a user as projected in the $lookup stages. */
export interface LookedUpUser {
  _id: { toString(): string };
  username: string;
  displayName: string;
  avatar: { toString(): string } | null;
  bio?: string;
  lastSeenAt?: Date | null;
}

const PUBLIC_USER_FIELDS = ['_id', 'username', 'displayName', 'avatar', 'bio', 'lastSeenAt'];

/** A $project stage fragment keeping only the public fields of the user embedded at `path`. */
export function publicUserProjection(path: string): Record<string, 1> {
  return Object.fromEntries(PUBLIC_USER_FIELDS.map((field) => [`${path}.${field}`, 1]));
}

export function lookedUpToPublic(user: LookedUpUser): PublicUser {
  return {
    id: user._id.toString(),
    username: user.username,
    displayName: user.displayName,
    avatarUrl: user.avatar ? `/api/media/${user.avatar.toString()}/thumb` : null,
    bio: user.bio ?? '',
  };
}

export function toFriendView(user: LookedUpUser, since: Date, online: boolean): FriendView {
  return {
    ...lookedUpToPublic(user),
    online,
    lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
    since: since.toISOString(),
  };
}

export function toRequestView(
  request: FriendRequest & { _id: { toString(): string } },
  other: LookedUpUser,
): FriendRequestView {
  return {
    id: request._id.toString(),
    from: request.from.toString(),
    to: request.to.toString(),
    status: request.status,
    createdAt: request.createdAt.toISOString(),
    user: lookedUpToPublic(other),
  };
}
