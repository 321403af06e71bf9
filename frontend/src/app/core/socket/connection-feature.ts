import { createFeature, createReducer, on } from '@ngrx/store';

import { AuthApiActions, AuthTabActions } from '../auth/auth-actions';
import { SocketActions } from './socket-actions';

/**
 * The live connection as the person should know it: `connecting` until the first connect after sign-in,
 * `connected`, and `reconnecting` after a drop (nothing arrives live and presence is unknown until it is back).
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

export interface ConnectionState {
  status: ConnectionStatus;
}

export const initialConnectionState: ConnectionState = { status: 'connecting' };

export const connectionFeature = createFeature({
  name: 'connection',
  reducer: createReducer(
    initialConnectionState,
    on(SocketActions.connected, (): ConnectionState => ({ status: 'connected' })),
    on(SocketActions.disconnected, (state): ConnectionState =>
      state.status === 'connected' ? { status: 'reconnecting' } : state,
    ),
    on(
      AuthApiActions.signedOut,
      AuthApiActions.sessionExpired,
      AuthTabActions.signedOutElsewhere,
      (): ConnectionState => initialConnectionState,
    ),
  ),
});
