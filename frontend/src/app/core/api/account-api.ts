import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { EmailVerifiedResponse, PasswordForgotResponse, SessionView } from '@contracts/auth';
import type { Page } from '@contracts/users';
import type { Observable } from 'rxjs';

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** Email verification, password reset and change, and the list of active sessions (under /api/auth). */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly http = inject(HttpClient);

  requestVerificationEmail(): Observable<void> {
    return this.http.post<void>('/api/auth/verify-email/request', null);
  }

  verifyEmail(token: string): Observable<EmailVerifiedResponse> {
    return this.http.post<EmailVerifiedResponse>('/api/auth/verify-email', { token });
  }

  forgotPassword(email: string): Observable<PasswordForgotResponse> {
    return this.http.post<PasswordForgotResponse>('/api/auth/password/forgot', { email });
  }

  resetPassword(token: string, password: string): Observable<void> {
    return this.http.post<void>('/api/auth/password/reset', { token, password });
  }

  changePassword(body: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>('/api/auth/password/change', body);
  }

  listSessions(): Observable<Page<SessionView>> {
    return this.http.get<Page<SessionView>>('/api/auth/sessions');
  }

  endSession(id: string): Observable<void> {
    return this.http.delete<void>(`/api/auth/sessions/${encodeURIComponent(id)}`);
  }
}
