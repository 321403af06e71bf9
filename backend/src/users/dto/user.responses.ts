import type { CurrentUserView, Page, PublicUser, Role } from '../../contracts/users';

// Classes for the OpenAPI document (read by the Swagger CLI plugin); the services return the contract types.

export class PublicUserResponse implements PublicUser {
  /** @example "665f1c2e8b3e4a1d2c9f0a11" */
  id: string;
  /** @example "ada" */
  username: string;
  /** @example "Ada Lovelace" */
  displayName: string;
  avatarUrl: string | null;
  bio: string;
  /** Only for friends. */
  online?: boolean;
  /** Only for friends. */
  lastSeenAt?: string | null;
}

export class UserSettingsResponse {
  sound: boolean;
  readReceipts: boolean;
}

export class CurrentUserResponse extends PublicUserResponse implements CurrentUserView {
  /** @example "ada@example.com" */
  email: string;
  /** Whether the owner has confirmed the email address by opening the link sent to it. */
  emailVerified: boolean;
  /** @example ["user"] */
  roles: Role[];
  settings: UserSettingsResponse;
  createdAt: string;
}

export class PublicUserPage implements Page<PublicUser> {
  items: PublicUserResponse[];
  nextCursor: string | null;
}
