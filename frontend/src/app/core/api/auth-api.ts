import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AuthProviders, AuthResponse, LogoutResponse, OidcRedirect } from '@contracts/auth';
import type { Observable } from 'rxjs';

export interface SignupRequest {
  username: string;
  email: string;
  password: string;
  displayName?: string;
}

export interface LoginRequest {
  /** Username or email. */
  login: string;
  password: string;
}

/** The /api/auth endpoints. The refresh token never passes through here: it lives in an HttpOnly cookie. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  signup(body: SignupRequest): Observable<AuthResponse> {
    return this.http.post<AuthResponse>('/api/auth/signup', body);
  }

  /** How people may sign in and whether they may sign up themselves. */
  providers(): Observable<AuthProviders> {
    return this.http.get<AuthProviders>('/api/auth/providers');
  }

  /** Sets the invitee's password with the mailed invitation token and signs them in. */
  acceptInvitation(token: string, password: string): Observable<AuthResponse> {
    return this.http.post<AuthResponse>('/api/auth/invitation/accept', { token, password });
  }

  login(body: LoginRequest): Observable<AuthResponse> {
    return this.http.post<AuthResponse>('/api/auth/login', body);
  }

  /** A new session, or null when this browser holds no refresh cookie (204: a visitor, not an error). */
  refresh(): Observable<AuthResponse | null> {
    return this.http.post<AuthResponse | null>('/api/auth/refresh', null);
  }

  /** For a single sign-on session whose IdP offers it, where to end the IdP session too; else null (204). */
  logout(): Observable<LogoutResponse | null> {
    return this.http.post<LogoutResponse | null>('/api/auth/logout', null);
  }

  /** Starts linking single sign-on to the signed-in account: the IdP URL to open. */
  linkSso(): Observable<OidcRedirect> {
    return this.http.post<OidcRedirect>('/api/auth/oidc/link', null);
  }

  logoutAll(): Observable<void> {
    return this.http.post<void>('/api/auth/logout-all', null);
  }
}
