import type { MessageView } from './messages';

/** A stretch of a snippet's text that matched the query. */
export class SearchHighlight {
  /** UTF-16 offset of the first matching character in `text`. */
  declare start: number;
  /** UTF-16 offset just after the match (exclusive). */
  declare end: number;
}

/**
 * The part of a message to show for a result: plain text (render it as text, never as markup) and the ranges
 * of it that matched, which a client highlights.
 */
export class SearchSnippet {
  /** The message's text, or a window of it around the first match with "…" where it was cut. */
  declare text: string;
  /** In order, not overlapping. */
  declare highlights: SearchHighlight[];
}

export class SearchResult {
  declare message: MessageView;
  declare conversationId: string;
  declare snippet: SearchSnippet;
}
