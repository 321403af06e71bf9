import type { FriendRequestView, FriendView } from '@contracts/friends';
import type { PublicUser } from '@contracts/users';

let sequence = 0;
/** A fresh 24-hex id, like the server's ObjectIds. */
export function nextId(): string {
  sequence += 1;
  return sequence.toString(16).padStart(24, '0');
}

export function buildPublicUser(overrides: Partial<PublicUser> = {}): PublicUser {
  const id = overrides.id ?? nextId();
  return { id, username: `user_${id.slice(-4)}`, displayName: 'Grace Hopper', avatarUrl: null, bio: '', ...overrides };
}

export function buildFriend(overrides: Partial<FriendView> = {}): FriendView {
  return {
    ...buildPublicUser(overrides),
    online: false,
    lastSeenAt: '2026-01-01T10:00:00.000Z',
    since: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A request between me (`me`) and `user`: incoming when they sent it. */
export function buildRequest(
  direction: 'incoming' | 'outgoing',
  overrides: Partial<FriendRequestView> & { me?: string } = {},
): FriendRequestView {
  const { me = 'me0000000000000000000000', ...rest } = overrides;
  const user = rest.user ?? buildPublicUser();
  return {
    id: nextId(),
    from: direction === 'incoming' ? user.id : me,
    to: direction === 'incoming' ? me : user.id,
    status: 'pending',
    createdAt: '2026-01-02T00:00:00.000Z',
    user,
    ...rest,
  };
}
