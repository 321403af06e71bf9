import type { PublicUser } from './users';

export type FriendRequestStatus = 'pending' | 'accepted' | 'declined' | 'cancelled';

export interface FriendRequestView {
  id: string;
  from: string;
  to: string;
  status: FriendRequestStatus;
  createdAt: string;
  /** The other person (the sender for incoming requests, the recipient for outgoing ones). */
  user: PublicUser;
}

/** A friend, with presence: online now, or when they were last seen. */
export interface FriendView extends PublicUser {
  online: boolean;
  lastSeenAt: string | null;
  since: string;
}
