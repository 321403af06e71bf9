import type { ApiErrorBody } from './errors';
import type { FriendRequestStatus, FriendRequestView, FriendView } from './friends';
import type { ConversationView, MessageView } from './messages';
import type { CurrentUserView, PublicUser } from './users';

/** Socket.IO event names and payloads, shared by the gateway and the SPA. */
export const ServerEvent = {
  PresenceSnapshot: 'presence:snapshot',
  PresenceUpdate: 'presence:update',
  FriendRequest: 'friend:request',
  FriendRequestUpdate: 'friend:request:update',
  FriendAdded: 'friend:added',
  FriendRemoved: 'friend:removed',
  SessionRevoked: 'session:revoked',
  /** A friend's profile changed, or your own account did (in another tab: name, avatar, roles, verified address). */
  UserUpdated: 'user:updated',
} as const;

export const ClientEvent = {
  AuthRefresh: 'auth:refresh',
  /** The tab saw no activity for 10 minutes (`idle: true`) or sees some again; away = every tab idle. */
  PresenceIdle: 'presence:idle',
} as const;

export interface PresenceIdlePayload {
  idle: boolean;
}

/** Why `session:revoked` was sent, so the client can say so. */
export type SessionEndReason = 'signed_out' | 'banned' | 'password_changed' | 'password_reset' | 'account_erased';
export interface SessionRevokedPayload {
  reason?: SessionEndReason;
}

/** On each connect: who of the people you share presence with (friends, conversation partners) is online. */
export interface PresenceSnapshotPayload {
  online: string[];
}
export interface PresenceUpdatePayload {
  userId: string;
  online: boolean;
  lastSeenAt?: string | null;
  /** Online but idle in every tab for 10 minutes. */
  away?: boolean;
}
export interface FriendRequestPayload {
  request: FriendRequestView;
}
export interface FriendRequestUpdatePayload {
  id: string;
  status: FriendRequestStatus;
}
export interface FriendAddedPayload {
  user: FriendView;
}
/** To your friends: your public profile; to your own tabs: your whole account view. */
export interface UserUpdatedPayload {
  user: PublicUser | CurrentUserView;
}
export interface FriendRemovedPayload {
  userId: string;
}

/** A failed event's error: exactly the HTTP error body (`retryAfterMs` when rate-limited, 429 `rate_limited`). */
export type SocketErrorBody = ApiErrorBody;

/** Every client event is acknowledged with one of these. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: SocketErrorBody };

export const MessageServerEvent = {
  MessageNew: 'message:new',
  MessageUpdated: 'message:updated',
  MessageDeleted: 'message:deleted',
  /** A message's reactions changed: its whole list as it is now (MessageReactionsView). */
  MessageReactions: 'message:reactions',
  /** You deleted a message for yourself (in another tab): drop it from view; only your own sockets get this. */
  MessageHidden: 'message:hidden',
  ConversationDelivered: 'conversation:delivered',
  ConversationRead: 'conversation:read',
  Typing: 'typing',
  /** Someone you share a conversation with erased their account: show them as "Deleted user" from now on. */
  UserErased: 'user:erased',
  /** A group you are in was created, renamed, got a picture, or its members or their roles changed. */
  ConversationUpdated: 'conversation:updated',
  /** You were removed from a group or left it: keep what you have, read-only; nothing new comes. */
  ConversationRemoved: 'conversation:removed',
} as const;

/** Your view of the conversation (your unread count and mute among it). */
export interface ConversationUpdatedPayload {
  conversation: ConversationView;
}
export interface ConversationRemovedPayload {
  conversationId: string;
  /** The seq of the line that removed you: keep messages up to it, drop any later one that still arrives. */
  upToSeq: number;
}

export const MessageClientEvent = {
  Send: 'message:send',
  Received: 'message:received',
  Read: 'conversation:read',
  Typing: 'typing',
} as const;

export interface MessageNewPayload {
  message: MessageView;
}
export interface UserErasedPayload {
  /** What is left of them: "Deleted user", no picture, `deleted: true`. */
  user: PublicUser;
}
export interface MessageDeletedPayload {
  id: string;
  conversationId: string;
  deletedAt: string;
}
export interface MessageHiddenPayload {
  id: string;
  conversationId: string;
}
/** `userId` received (delivered) or read the conversation's messages up to `upTo` (whose seq is `upToSeq`). */
export interface ReceiptPayload {
  conversationId: string;
  userId: string;
  upTo: string;
  upToSeq: number;
}
export interface TypingPayload {
  conversationId: string;
  userId: string;
  typing: boolean;
}
