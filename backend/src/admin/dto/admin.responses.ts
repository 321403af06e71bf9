import type { AdminStats, AdminUserView, AuditEntryView, Page } from '../../contracts/users';
import { PublicUserResponse } from '../../users/dto/user.responses';

export class AdminUserResponse extends PublicUserResponse implements AdminUserView {
  email: string;
  declare online: boolean;
  /** @example ["user"] */
  roles: ('user' | 'admin')[];
  /** @example "active" */
  status: 'active' | 'banned';
  declare lastSeenAt: string | null;
  createdAt: string;
}

export class AdminUserPage implements Page<AdminUserView> {
  items: AdminUserResponse[];
  nextCursor: string | null;
}

export class AuditEntryResponse implements AuditEntryView {
  id: string;
  /** @example "user.banned" */
  action: 'user.roles_changed' | 'user.banned' | 'user.unbanned';
  actor: PublicUserResponse;
  target: PublicUserResponse;
  /** For role changes: {from, to}. */
  details: Record<string, unknown>;
  at: string;
}

export class AuditPage implements Page<AuditEntryView> {
  items: AuditEntryResponse[];
  nextCursor: string | null;
}

export class DayCount {
  /** @example "2026-11-21" */
  day: string;
  count: number;
}

export class MediaTotals {
  count: number;
  bytes: number;
}

export class AdminStatsResponse implements AdminStats {
  users: number;
  onlineNow: number;
  messagesToday: number;
  messagesPerDay: DayCount[];
  media: MediaTotals;
}
