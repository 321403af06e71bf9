import type { FriendRequestView, FriendView } from '../contracts/friends';
import { type PublicUserFields, toPublicUser } from '../users/user.mapper';
import type { FriendRequest } from './schemas/friend-request.schema';

export function toFriendView(user: PublicUserFields, since: Date, online: boolean): FriendView {
  return {
    ...toPublicUser(user),
    online,
    lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
    since: since.toISOString(),
  };
}

export function toRequestView(
  request: FriendRequest & { _id: { toString(): string } },
  other: PublicUserFields,
): FriendRequestView {
  return {
    id: request._id.toString(),
    from: request.from.toString(),
    to: request.to.toString(),
    status: request.status,
    createdAt: request.createdAt.toISOString(),
    user: toPublicUser(other),
  };
}
