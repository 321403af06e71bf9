import type { SearchResult } from '@contracts/search';

import { buildMessage } from '../testing/chat-builders';

/** A result whose snippet is the whole text with its first word highlighted. */
export function buildSearchResult(text: string, overrides: Partial<SearchResult> = {}): SearchResult {
  const message = buildMessage({ text });
  return {
    message,
    conversationId: message.conversationId,
    snippet: { text, highlights: [{ start: 0, end: text.indexOf(' ') === -1 ? text.length : text.indexOf(' ') }] },
    ...overrides,
  };
}
