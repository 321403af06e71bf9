export type Role = 'user' | 'admin';

/** What anyone signed in may see of a user. `online` and `lastSeenAt` are filled only for friends. */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  bio: string;
  online?: boolean;
  lastSeenAt?: string | null;
}

export interface UserSettings {
  /** Play a sound when a message arrives in a conversation that is not open. */
  sound: boolean;
  /** Let the other participant see "Seen" under messages this user has read. */
  readReceipts: boolean;
}

/** The signed-in user's own view of their account. */
export interface CurrentUserView extends PublicUser {
  email: string;
  /** The owner has proved they receive mail at `email`. */
  emailVerified: boolean;
  roles: Role[];
  settings: UserSettings;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What an admin sees of an account. */
export interface AdminUserView extends PublicUser {
  email: string;
  online: boolean;
  roles: Role[];
  status: 'active' | 'banned';
  lastSeenAt: string | null;
  createdAt: string;
}

export interface AuditEntryView {
  id: string;
  action: 'user.roles_changed' | 'user.banned' | 'user.unbanned';
  actor: PublicUser;
  target: PublicUser;
  details: Record<string, unknown>;
  at: string;
}

export interface AdminStats {
  users: number;
  onlineNow: number;
  messagesToday: number;
  /** The last 14 days, oldest first, days in UTC (YYYY-MM-DD), today included. */
  messagesPerDay: { day: string; count: number }[];
  media: { count: number; bytes: number };
}
