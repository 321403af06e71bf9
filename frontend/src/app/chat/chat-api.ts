import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { PersonRef } from '@contracts/embed';
import type {
  ConversationView,
  MessageHistoryView,
  MessageReactionsView,
  MessageView,
  MessageWindowView,
} from '@contracts/messages';
import type { Page } from '@contracts/users';
import { EMPTY, expand, type Observable, reduce } from 'rxjs';

export type HistoryQuery = { before: string } | { after: string } | Record<string, never>;

/** The /api/conversations and /api/messages endpoints. Sending goes over the socket (see the send effect). */
@Injectable({ providedIn: 'root' })
export class ChatApi {
  private readonly http = inject(HttpClient);

  listConversations(cursor: string | null, limit = 100): Observable<Page<ConversationView>> {
    return this.http.get<Page<ConversationView>>('/api/conversations', {
      params: { limit, ...(cursor ? { cursor } : {}) },
    });
  }

  /** Every conversation, following the cursor to the end. */
  allConversations(): Observable<ConversationView[]> {
    return this.listConversations(null).pipe(
      expand((page) => (page.nextCursor ? this.listConversations(page.nextCursor) : EMPTY)),
      reduce((all, page) => [...all, ...page.items], [] as ConversationView[]),
    );
  }

  /** Get or create the direct conversation with a person, named by id or as a portal names them. */
  openWith(person: { userId: string } | PersonRef): Observable<ConversationView> {
    return this.http.post<ConversationView>('/api/conversations', person);
  }

  /** `before`: older than that id, newest first. `after`: newer, oldest first. Neither: the newest page. */
  history(conversationId: string, query: HistoryQuery, limit = 50): Observable<Page<MessageView>> {
    return this.http.get<Page<MessageView>>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
      params: { ...query, limit },
    });
  }

  /** Everything newer than `after`, oldest first, paging until the end. */
  allAfter(conversationId: string, after: string): Observable<MessageView[]> {
    return this.history(conversationId, { after }, 100).pipe(
      expand((page) => (page.nextCursor ? this.history(conversationId, { after: page.nextCursor }, 100) : EMPTY)),
      reduce((all, page) => [...all, ...page.items], [] as MessageView[]),
    );
  }

  /** The history around a message (a search result, a reply's original), oldest first, with cursors both ways. */
  around(conversationId: string, messageId: string, limit = 50): Observable<MessageWindowView> {
    return this.http.get<MessageWindowView>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
      params: { around: messageId, limit },
    });
  }

  edit(messageId: string, text: string): Observable<MessageView> {
    return this.http.patch<MessageView>(`/api/messages/${encodeURIComponent(messageId)}`, { text });
  }

  /** Adds (`on`) or takes back my reaction; either is a no-op when already so, so a retry is safe. */
  react(messageId: string, emoji: string, on: boolean): Observable<MessageReactionsView> {
    const url = `/api/messages/${encodeURIComponent(messageId)}/reactions/${encodeURIComponent(emoji)}`;
    return on ? this.http.put<MessageReactionsView>(url, null) : this.http.delete<MessageReactionsView>(url);
  }

  /** Sends a copy of the message to another conversation, once per clientId. */
  forward(messageId: string, conversationId: string, clientId: string): Observable<MessageView> {
    return this.http.post<MessageView>(`/api/messages/${encodeURIComponent(messageId)}/forward`, {
      conversationId,
      clientId,
    });
  }

  remove(messageId: string): Observable<MessageView> {
    return this.http.delete<MessageView>(`/api/messages/${encodeURIComponent(messageId)}`);
  }

  /** Delete for me: the message stays for everyone else. */
  hideForMe(messageId: string): Observable<void> {
    return this.http.delete<void>(`/api/messages/${encodeURIComponent(messageId)}`, { params: { for: 'me' } });
  }

  /** The earlier versions of an edited message, oldest first. */
  editHistory(messageId: string): Observable<MessageHistoryView> {
    return this.http.get<MessageHistoryView>(`/api/messages/${encodeURIComponent(messageId)}/history`);
  }
}
