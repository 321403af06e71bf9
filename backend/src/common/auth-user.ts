import type { Role } from '../contracts/users';

/** The caller of a request or socket, as established from a valid access token and a live session. */
export interface AuthUser {
  id: string;
  roles: Role[];
  sessionId: string;
}

/** Claims of an access token. */
export interface AccessTokenClaims {
  sub: string;
  roles: Role[];
  sid: string;
}
