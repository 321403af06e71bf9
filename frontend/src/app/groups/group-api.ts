import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ConversationView, GroupRole } from '@contracts/messages';
import type { Observable } from 'rxjs';

/** A change of a group's name, picture (an uploaded image's media id; null removes it) or history setting. */
export interface GroupChanges {
  name?: string;
  avatar?: string | null;
  newMembersSeeHistory?: boolean;
}

/** The group routes under /api/conversations (CONTRACT.md "Groups"); each change answers with my view of the group. */
@Injectable({ providedIn: 'root' })
export class GroupApi {
  private readonly http = inject(HttpClient);

  create(name: string, userIds: string[], newMembersSeeHistory: boolean): Observable<ConversationView> {
    return this.http.post<ConversationView>('/api/conversations', { name, userIds, newMembersSeeHistory });
  }

  update(conversationId: string, changes: GroupChanges): Observable<ConversationView> {
    return this.http.patch<ConversationView>(`/api/conversations/${conversationId}`, changes);
  }

  addMembers(conversationId: string, userIds: string[]): Observable<ConversationView> {
    return this.http.post<ConversationView>(`/api/conversations/${conversationId}/members`, { userIds });
  }

  /** Removes someone, or leaves when it is me; the members hear of it over the socket (`conversation:updated`). */
  removeMember(conversationId: string, userId: string): Observable<void> {
    return this.http.delete<void>(`/api/conversations/${conversationId}/members/${userId}`);
  }

  setRole(conversationId: string, userId: string, role: GroupRole): Observable<ConversationView> {
    return this.http.patch<ConversationView>(`/api/conversations/${conversationId}/members/${userId}`, { role });
  }
}
