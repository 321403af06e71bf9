import type { FriendRequestStatus, FriendRequestView, FriendView } from '../../contracts/friends';
import type { Page } from '../../contracts/users';
import { PublicUserResponse } from '../../users/dto/user.responses';

export class FriendRequestResponse implements FriendRequestView {
  id: string;
  from: string;
  to: string;
  /** @example "pending" */
  status: FriendRequestStatus;
  createdAt: string;
  user: PublicUserResponse;
}

export class FriendRequestPage implements Page<FriendRequestView> {
  items: FriendRequestResponse[];
  nextCursor: string | null;
}

export class FriendResponse extends PublicUserResponse implements FriendView {
  declare online: boolean;
  declare lastSeenAt: string | null;
  since: string;
}

export class FriendPage implements Page<FriendView> {
  items: FriendResponse[];
  nextCursor: string | null;
}
