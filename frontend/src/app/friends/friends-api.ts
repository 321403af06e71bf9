import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { FriendRequestView, FriendView } from '@contracts/friends';
import type { Page, PublicUser } from '@contracts/users';
import { EMPTY, expand, map, type Observable, reduce } from 'rxjs';

/** /api/friends and the user routes the friends feature needs (search, block). */
@Injectable({ providedIn: 'root' })
export class FriendsApi {
  private readonly http = inject(HttpClient);

  /** Every friend: the panel shows all of them, sorted by presence, so all pages are fetched. */
  listFriends(): Observable<FriendView[]> {
    return allPages((cursor) =>
      this.http.get<Page<FriendView>>('/api/friends', { params: params({ cursor, limit: 200 }) }),
    );
  }

  listRequests(direction: 'incoming' | 'outgoing'): Observable<FriendRequestView[]> {
    return allPages((cursor) =>
      this.http.get<Page<FriendRequestView>>('/api/friends/requests', {
        params: params({ direction, cursor, limit: 100 }),
      }),
    );
  }

  listBlocked(): Observable<PublicUser[]> {
    return this.http.get<PublicUser[]>('/api/friends/blocked');
  }

  search(q: string, cursor: string | null = null): Observable<Page<PublicUser>> {
    return this.http.get<Page<PublicUser>>('/api/users/search', { params: params({ q, cursor }) });
  }

  sendRequest(to: string): Observable<FriendRequestView> {
    return this.http.post<FriendRequestView>('/api/friends/requests', { to });
  }

  accept(requestId: string): Observable<FriendRequestView> {
    return this.http.post<FriendRequestView>(`/api/friends/requests/${requestId}/accept`, null);
  }

  decline(requestId: string): Observable<FriendRequestView> {
    return this.http.post<FriendRequestView>(`/api/friends/requests/${requestId}/decline`, null);
  }

  cancel(requestId: string): Observable<FriendRequestView> {
    return this.http.delete<FriendRequestView>(`/api/friends/requests/${requestId}`);
  }

  unfriend(userId: string): Observable<void> {
    return this.http.delete<void>(`/api/friends/${userId}`);
  }

  block(userId: string): Observable<void> {
    return this.http.post<void>(`/api/users/${userId}/block`, null);
  }

  unblock(userId: string): Observable<void> {
    return this.http.delete<void>(`/api/users/${userId}/block`);
  }
}

function allPages<T>(page: (cursor: string | null) => Observable<Page<T>>): Observable<T[]> {
  return page(null).pipe(
    expand((previous) => (previous.nextCursor ? page(previous.nextCursor) : EMPTY)),
    map((current) => current.items),
    reduce((all, items) => [...all, ...items], [] as T[]),
  );
}

/** Query parameters without the empty ones. */
function params(values: Record<string, string | number | null | undefined>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value != null && value !== '')) as Record<
    string,
    string | number
  >;
}
