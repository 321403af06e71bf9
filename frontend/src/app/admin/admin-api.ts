import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AdminStats, AdminUserView, AuditEntryView, Page, Role } from '@contracts/users';
import type { Observable } from 'rxjs';

export interface InviteRequest {
  email: string;
  displayName?: string;
  roles: Role[];
}

/** The /api/admin endpoints (role admin; everyone else gets 403). */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  /** 20 accounts per page, sorted by username; `q` is a prefix of the username or display name. */
  listUsers(q: string, cursor: string | null = null): Observable<Page<AdminUserView>> {
    return this.http.get<Page<AdminUserView>>('/api/admin/users', { params: params({ q, cursor }) });
  }

  /** Creates the account and mails the person a link to choose a password. */
  invite(invitation: InviteRequest): Observable<AdminUserView> {
    return this.http.post<AdminUserView>('/api/admin/users', invitation);
  }

  setRoles(userId: string, roles: Role[]): Observable<AdminUserView> {
    return this.http.patch<AdminUserView>(`/api/admin/users/${userId}/roles`, { roles });
  }

  ban(userId: string): Observable<AdminUserView> {
    return this.http.post<AdminUserView>(`/api/admin/users/${userId}/ban`, null);
  }

  unban(userId: string): Observable<AdminUserView> {
    return this.http.post<AdminUserView>(`/api/admin/users/${userId}/unban`, null);
  }

  /** Erases the account and its personal data (204, no body); its messages stay, from "Deleted user". */
  erase(userId: string): Observable<void> {
    return this.http.delete<void>(`/api/admin/users/${userId}`);
  }

  stats(): Observable<AdminStats> {
    return this.http.get<AdminStats>('/api/admin/stats');
  }

  /** Newest first. */
  audit(cursor: string | null = null): Observable<Page<AuditEntryView>> {
    return this.http.get<Page<AuditEntryView>>('/api/admin/audit', { params: params({ cursor }) });
  }
}

function params(values: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value)) as Record<string, string>;
}
