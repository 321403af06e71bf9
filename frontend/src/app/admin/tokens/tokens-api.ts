import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreatedServiceToken, ServiceScope, ServiceTokenView } from '@contracts/service-tokens';
import type { Page } from '@contracts/users';
import type { Observable } from 'rxjs';

export interface NewServiceToken {
  name: string;
  scopes: ServiceScope[];
  /** ISO 8601; left out: never expires. */
  expiresAt?: string;
  /** The service account's username; left out: made from the name. */
  account?: string;
}

/** /api/admin/tokens (role admin). */
@Injectable({ providedIn: 'root' })
export class TokensApi {
  private readonly http = inject(HttpClient);

  /** Tokens not revoked, newest first. */
  list(cursor: string | null = null): Observable<Page<ServiceTokenView>> {
    return this.http.get<Page<ServiceTokenView>>('/api/admin/tokens', { params: cursor ? { cursor } : {} });
  }

  /** The answer holds the secret, which the server never shows again. */
  create(token: NewServiceToken): Observable<CreatedServiceToken> {
    return this.http.post<CreatedServiceToken>('/api/admin/tokens', token);
  }

  revoke(id: string): Observable<void> {
    return this.http.delete<void>(`/api/admin/tokens/${id}`);
  }
}
