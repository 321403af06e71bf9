import type { FriendRequestStatus, FriendRequestView, FriendView } from './friends';

/** Socket.IO event names and payloads, shared by the gateway and the SPA. */
export const ServerEvent = {
  PresenceSnapshot: 'presence:snapshot',
  PresenceUpdate: 'presence:update',
  FriendRequest: 'friend:request',
  FriendRequestUpdate: 'friend:request:update',
  FriendAdded: 'friend:added',
  FriendRemoved: 'friend:removed',
  SessionRevoked: 'session:revoked',
} as const;

export const ClientEvent = {
  AuthRefresh: 'auth:refresh',
} as const;

export interface PresenceSnapshotPayload {
  online: string[];
}
export interface PresenceUpdatePayload {
  userId: string;
  online: boolean;
  lastSeenAt?: string | null;
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
export interface FriendRemovedPayload {
  userId: string;
}

/** Every client event is acknowledged with one of these. */
export type Ack<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: { status: number; message: string } };
