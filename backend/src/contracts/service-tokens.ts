import type { MessageView } from './messages';
import type { PublicUser } from './users';

/**
 * What a service token may do. `messages:send`: send as its service account (POST /api/service/messages);
 * `users:read`: look people up; `users:write`: rename, deactivate and reactivate them; `conversations:read`: read a
 * person's unread counts.
 */
export const SERVICE_SCOPES = ['messages:send', 'users:read', 'users:write', 'conversations:read'] as const;
export type ServiceScope = (typeof SERVICE_SCOPES)[number];

/** Every service token starts with this, so secret scanners (and people) recognise one that leaked. */
export const SERVICE_TOKEN_PREFIX = 'chatsvc_';

/** A service token as admins see it: never the secret, which is shown once, when it is created. */
export class ServiceTokenView {
  declare id: string;
  /** @example "Expense reports" */
  declare name: string;
  /** @example ["messages:send", "conversations:read"] */
  declare scopes: ServiceScope[];
  /** The service account the token acts as: messages it sends come from this account. */
  declare account: PublicUser;
  /** The first characters of the token, to tell tokens apart. @example "chatsvc_Xq3v" */
  declare prefix: string;
  /** Null: never expires. */
  declare expiresAt: string | null;
  declare createdAt: string;
  /** Updated at most once a minute. Null: never used. */
  declare lastUsedAt: string | null;
}

/** The answer to creating a token: the only time the secret is shown. */
export class CreatedServiceToken extends ServiceTokenView {
  /**
   * The secret: send it as `Authorization: Bearer <token>`. It is stored hashed and cannot be shown again.
   * @example "chatsvc_Xq3vJm0bJ3q2hQ0O4k1bVbPz4Yl9xY2eW9d8sQkqzHc"
   */
  declare token: string;
}

/** A person's unread messages in one conversation. */
export class UnreadConversation {
  declare conversationId: string;
  /** The other participant of a direct conversation. */
  declare with?: PublicUser;
  /** A group's name. */
  declare name?: string;
  declare unread: number;
}

/** What a portal shows on its chat badge: the person's unread messages, in total and per conversation. */
export class UnreadCounts {
  declare userId: string;
  declare total: number;
  /** Only conversations with unread messages, most recent activity first. */
  declare conversations: UnreadConversation[];
}

/** A message sent by a service account, and the conversation it landed in. */
export class ServiceMessageSent {
  declare message: MessageView;
  /** The recipient. */
  declare to: PublicUser;
}
