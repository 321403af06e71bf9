import type { AdminUserView, Page } from '../../contracts/users';
import { PublicUserResponse } from '../../users/dto/user.responses';

export class AdminUserResponse extends PublicUserResponse implements AdminUserView {
  email: string;
  roles: ('user' | 'admin')[];
  status: 'active' | 'banned';
  declare lastSeenAt: string | null;
  createdAt: string;
}

export class AdminUserPage implements Page<AdminUserView> {
  items: AdminUserResponse[];
  nextCursor: string | null;
}
