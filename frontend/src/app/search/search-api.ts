import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { SearchResult } from '@contracts/search';
import type { Page } from '@contracts/users';
import type { Observable } from 'rxjs';

export interface SearchRequest {
  q: string;
  /** Only this conversation; all of mine without it. */
  conversationId: string | null;
}

/** GET /api/search/messages (CONTRACT.md "Rich messages"). */
@Injectable({ providedIn: 'root' })
export class SearchApi {
  private readonly http = inject(HttpClient);

  search({ q, conversationId }: SearchRequest, cursor: string | null = null): Observable<Page<SearchResult>> {
    return this.http.get<Page<SearchResult>>('/api/search/messages', {
      params: { q, ...(conversationId ? { conversationId } : {}), ...(cursor ? { cursor } : {}) },
    });
  }
}
