import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AuthResponse } from '@contracts/auth';
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

  login(body: LoginRequest): Observable<AuthResponse> {
    return this.http.post<AuthResponse>('/api/auth/login', body);
  }

  /** A new session, or null when this browser holds no refresh cookie (204: a visitor, not an error). */
  refresh(): Observable<AuthResponse | null> {
    return this.http.post<AuthResponse | null>('/api/auth/refresh', null);
  }

  logout(): Observable<void> {
    return this.http.post<void>('/api/auth/logout', null);
  }

  logoutAll(): Observable<void> {
    return this.http.post<void>('/api/auth/logout-all', null);
  }
}
