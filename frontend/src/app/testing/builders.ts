import type { AuthResponse } from '@contracts/auth';
import type { ApiErrorBody } from '@contracts/errors';
import type { CurrentUserView } from '@contracts/users';

import { type AuthState, initialAuthState } from '../core/auth/auth-feature';

export function buildUser(overrides: Partial<CurrentUserView> = {}): CurrentUserView {
  return {
    id: '665f1c2e9b1e8a0012345678',
    username: 'ada',
    displayName: 'Ada Lovelace',
    email: 'ada@example.com',
    emailVerified: true,
    avatarUrl: null,
    bio: '',
    roles: ['user'],
    settings: { sound: true, readReceipts: true, emailNotifications: true, doNotDisturbUntil: null },
    origin: 'signup',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function buildAuthResponse(overrides: Partial<AuthResponse> = {}): AuthResponse {
  return { accessToken: 'access-token', expiresIn: 900, user: buildUser(), ...overrides };
}

export function buildSignedInState(overrides: Partial<AuthState> = {}): AuthState {
  return { ...initialAuthState, status: 'signedIn', accessToken: 'access-token', user: buildUser(), ...overrides };
}

export function buildErrorBody(statusCode: number, overrides: Partial<ApiErrorBody> = {}): ApiErrorBody {
  return { statusCode, error: 'Error', message: 'Error', code: 'error', ...overrides };
}
