import type { Socket } from 'socket.io';

import type { AuthUser } from '../common/auth-user';

/** What the handshake established about a socket, kept in socket.data. */
export interface SocketData {
  user: AuthUser;
  /** When the access token the socket last presented expires (ms since epoch). */
  expiresAt: number;
  /** Correlates this socket's log lines. */
  requestId?: string;
  /** The tab reported no activity for a while (`presence:idle`); the user is away when every socket is. */
  idle?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AuthedSocket = Socket<any, any, any, SocketData>;
