import { PublicUser } from './users';

export const FRIEND_REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'cancelled'] as const;
export type FriendRequestStatus = (typeof FRIEND_REQUEST_STATUSES)[number];

export class FriendRequestView {
  declare id: string;
  declare from: string;
  declare to: string;
  /** @example "pending" */
  declare status: FriendRequestStatus;
  declare createdAt: string;
  /** The other person (the sender for incoming requests, the recipient for outgoing ones). */
  declare user: PublicUser;
}

/** A friend, with presence: online now, or when they were last seen. */
export class FriendView extends PublicUser {
  declare online: boolean;
  declare lastSeenAt: string | null;
  declare since: string;
}
