// Wire shapes are classes with `declare` fields: the SPA uses them as plain types (nothing is emitted for them),
// and on the backend the Swagger CLI plugin reads their types and doc comments into the OpenAPI document.

export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** 'service': a service account, which a service token acts as; it never signs in (see ServiceTokenView). */
export const USER_ORIGINS = ['signup', 'invite', 'scim', 'sso', 'service'] as const;
export type UserOrigin = (typeof USER_ORIGINS)[number];

export const ACCOUNT_STATUSES = ['active', 'banned', 'erased'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const AUDIT_ACTIONS = [
  'user.invited',
  'user.roles_changed',
  'user.banned',
  'user.unbanned',
  /** Created by the identity provider (SCIM). */
  'user.provisioned',
  /** Name, e-mail or userName changed by the identity provider (SCIM). */
  'user.updated',
  'user.erased',
  /** A service token was created for the target, a service account (details: tokenId, name, scopes). */
  'token.created',
  /** A service token of the target, a service account, was revoked (details: tokenId, name). */
  'token.revoked',
  /** Webhook endpoints (the target is none; details.url names the endpoint). */
  'webhook.created',
  'webhook.deleted',
  /** Paused by the system after repeated failures (details.reason). */
  'webhook.paused',
  'webhook.resumed',
  /** A legal hold was placed (the target is the held user, or none for a conversation: details.kind, conversationId). */
  'hold.placed',
  'hold.released',
  /** The retention job removed old messages (no actor, no target; details: days, removed). */
  'retention.ran',
  /** An admin downloaded a compliance export (details: from, to, userIds). */
  'export.downloaded',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * What anyone signed in may see of a user. `online` and `lastSeenAt` are filled only for people who share presence:
 * friends and, with DIRECT_MESSAGES=everyone, people with a conversation both have written in (never when either
 * blocked the other).
 */
export class PublicUser {
  /** @example "665f1c2e8b3e4a1d2c9f0a11" */
  declare id: string;
  /** @example "ada" */
  declare username: string;
  /** @example "Ada Lovelace" */
  declare displayName: string;
  declare avatarUrl: string | null;
  declare bio: string;
  /** Only for friends and, with DIRECT_MESSAGES=everyone, conversation partners. */
  declare online?: boolean;
  /** Only for friends and, with DIRECT_MESSAGES=everyone, conversation partners. */
  declare lastSeenAt?: string | null;
  /** Online but idle in every tab for 10 minutes (live over the socket; absent in REST answers). */
  declare away?: boolean;
  /** The account was erased: shown as "Deleted user", who can't be messaged, befriended or opened. */
  declare deleted?: boolean;
  /**
   * A service account: an automated sender (a service token's), shown with a badge. It has no presence and can't
   * be replied to, befriended or found in search; it can be blocked like anyone.
   */
  declare service?: true;
}

export class UserSettings {
  /** Play a sound when a message arrives in a conversation that is not open. */
  declare sound: boolean;
  /** Let the other participant see "Seen" under messages this user has read. */
  declare readReceipts: boolean;
  /** An e-mail about messages that stayed unread while away (MISSED_MESSAGE_EMAIL_MINUTES). */
  declare emailNotifications: boolean;
  /** Until then no sound, desktop notification, push or e-mail; null when not set. */
  declare doNotDisturbUntil: string | null;
}

/** The signed-in user's own view of their account. */
export class CurrentUserView extends PublicUser {
  /** @example "ada@example.com" */
  declare email: string;
  /** The owner has proved they receive mail at `email`. */
  declare emailVerified: boolean;
  /** @example ["user"] */
  declare roles: Role[];
  /** The account's subject at the single sign-on provider, once linked. */
  declare externalId?: string;
  declare settings: UserSettings;
  /**
   * How the account came to be: 'sso' and 'scim' accounts start without a password of their own (deleting them
   * needs a recent sign-in instead). @example "signup"
   */
  declare origin: UserOrigin;
  declare createdAt: string;
}

/** A page of a list; pass `nextCursor` back as `cursor` for the next one (null at the end). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What an admin sees of an account. */
export class AdminUserView extends PublicUser {
  declare email: string;
  declare online: boolean;
  /** @example ["user"] */
  declare roles: Role[];
  /** @example "active" */
  declare status: AccountStatus;
  /** The account's subject at the single sign-on provider, once linked. */
  declare externalId?: string;
  declare lastSeenAt: string | null;
  declare createdAt: string;
}

export class AuditEntryView {
  declare id: string;
  /** @example "user.banned" */
  declare action: AuditAction;
  /** Null when no person did it (the identity provider, through SCIM). */
  declare actor: PublicUser | null;
  /** Null when the action was not about an account (a webhook endpoint). */
  declare target: PublicUser | null;
  /** For role changes: {from, to}; for an identity provider's action: {via: 'scim', …}. */
  declare details: Record<string, unknown>;
  declare at: string;
}

export class DayCount {
  /** A day in UTC. @example "2026-11-21" */
  declare day: string;
  declare count: number;
}

export class MediaTotals {
  declare count: number;
  /** Bytes stored. */
  declare bytes: number;
}

export class AdminStats {
  declare users: number;
  declare onlineNow: number;
  declare messagesToday: number;
  /** The last 14 days, oldest first, today included. */
  declare messagesPerDay: DayCount[];
  declare media: MediaTotals;
}
