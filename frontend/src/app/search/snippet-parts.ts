import type { SearchSnippet } from '@contracts/search';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/**
 * A snippet cut at its highlight ranges, for the template to render as text with the matches marked (never as
 * HTML). Ranges out of order, overlapping or outside the text are clamped rather than trusted.
 */
export function snippetParts({ text, highlights }: SearchSnippet): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const { start, end } of [...highlights].sort((a, b) => a.start - b.start)) {
    const from = Math.max(at, Math.min(start, text.length));
    const to = Math.max(from, Math.min(end, text.length));
    if (from > at) parts.push({ text: text.slice(at, from), match: false });
    if (to > from) parts.push({ text: text.slice(from, to), match: true });
    at = Math.max(at, to);
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}
