import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { MessageView } from '@contracts/messages';

import { buildConversation, buildMessage, CONVERSATION } from '../testing/chat-builders';
import { ChatApi } from './chat-api';

function setup() {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  return { api: TestBed.inject(ChatApi), http: TestBed.inject(HttpTestingController) };
}

describe('ChatApi', () => {
  it('fetches everything after a message, page by page until the end', () => {
    const { api, http } = setup();
    const pages = [[buildMessage(), buildMessage()], [buildMessage(), buildMessage()], [buildMessage()]];
    let result: MessageView[] | undefined;
    api.allAfter(CONVERSATION, 'start').subscribe((messages) => (result = messages));

    const url = `/api/conversations/${CONVERSATION}/messages`;
    http
      .expectOne((r) => r.url === url && r.params.get('after') === 'start' && r.params.get('limit') === '100')
      .flush({ items: pages[0], nextCursor: pages[0][1].id });
    http
      .expectOne((r) => r.url === url && r.params.get('after') === pages[0][1].id)
      .flush({ items: pages[1], nextCursor: pages[1][1].id });
    expect(result).toBeUndefined();
    http
      .expectOne((r) => r.url === url && r.params.get('after') === pages[1][1].id)
      .flush({ items: pages[2], nextCursor: null });

    expect(result).toEqual(pages.flat());
    http.verify();
  });

  it('lists every conversation, following the cursor', () => {
    const { api, http } = setup();
    let result: unknown;
    api.allConversations().subscribe((conversations) => (result = conversations));
    http
      .expectOne((r) => r.url === '/api/conversations' && !r.params.has('cursor'))
      .flush({ items: [buildConversation({ id: 'c1' })], nextCursor: 'next' });
    http
      .expectOne((r) => r.url === '/api/conversations' && r.params.get('cursor') === 'next')
      .flush({ items: [buildConversation({ id: 'c2' })], nextCursor: null });
    expect((result as { id: string }[]).map((c) => c.id)).toEqual(['c1', 'c2']);
    http.verify();
  });

  it('asks for older messages with before, and the newest page with neither', () => {
    const { api, http } = setup();
    api.history(CONVERSATION, { before: 'x' }).subscribe();
    api.history(CONVERSATION, {}).subscribe();
    const [older, newest] = http.match(() => true);
    expect(older.request.params.get('before')).toBe('x');
    expect(newest.request.params.keys()).toEqual(['limit']);
  });
});
