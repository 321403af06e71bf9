import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { PersonRef } from '@contracts/embed';
import type { ConversationView, MessageHistoryView, MessageReactionsView, MessageView } from '@contracts/messages';
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

  /**
   * Older pages from `before` back to and including the page that holds `messageId` (a jump to an old message: a
   * reply's original, a search hit), so the held history stays without holes. Ends early at the first message.
   */
  pagesBackTo(
    conversationId: string,
    before: string,
    messageId: string,
  ): Observable<{ messages: MessageView[]; hasOlder: boolean }> {
    const older = (cursor: string) => this.history(conversationId, { before: cursor }, 100);
    return older(before).pipe(
      expand((page) =>
        page.nextCursor && !page.items.some((message) => message.id === messageId) ? older(page.nextCursor) : EMPTY,
      ),
      reduce((all, page) => ({ messages: [...all.messages, ...page.items], hasOlder: !!page.nextCursor }), {
        messages: [] as MessageView[],
        hasOlder: false as boolean,
      }),
    );
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
