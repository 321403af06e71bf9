import type { SearchSnippet } from '../contracts/search';

/** A stored word is cut to this many characters (an index key stays small; a query term is cut the same way). */
export const MAX_TERM_LENGTH = 40;
/** The most words a query may have: each one is a condition of the query. */
export const MAX_QUERY_TERMS = 6;
/** The longest query text. */
export const MAX_QUERY_LENGTH = 200;
/** Text shown around the first match when a message is longer. */
const SNIPPET_LENGTH = 160;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/u;
const MARKS = /\p{M}/gu;

/** A word as it is stored and searched: accents stripped (NFKD), lower case, ß as ss. */
function normalize(word: string): string {
  return word.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(/ß/g, 'ss');
}

/** The searchable parts of one word of the text (NFKD may split a word, e.g. a fraction, into several). */
function partsOf(word: string): string[] {
  return normalize(word)
    .split(NOT_LETTER_OR_DIGIT)
    .filter(Boolean)
    .map((part) => part.slice(0, MAX_TERM_LENGTH));
}

/** The distinct normalized words of a text: what a message stores as `searchTerms`. */
export function termsOf(text: string | null | undefined): string[] {
  if (!text) return [];
  return [...new Set([...text.matchAll(WORD)].flatMap(([word]) => partsOf(word)))];
}

/** The words of a query, normalized like the stored ones: each must begin a word of the message. */
export function queryTermsOf(query: string): string[] {
  return termsOf(query.slice(0, MAX_QUERY_LENGTH)).slice(0, MAX_QUERY_TERMS);
}

/**
 * Whether a stored word matches a query term: a word of one character only as a whole word (a one-letter prefix
 * would match most of the collection), longer terms also as the beginning of a word.
 */
export function matchesTerm(word: string, term: string): boolean {
  return term.length === 1 ? word === term : word.startsWith(term);
}

/**
 * The text to show for a result: the whole text when short, else a window around the first match cut at spaces,
 * with the matching beginnings of words as ranges (UTF-16 offsets into `text`, end exclusive). Plain text: the
 * client renders it as text, never as markup.
 */
export function snippetOf(text: string, terms: string[]): SearchSnippet {
  const highlights: { start: number; end: number }[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const length = matchLength(word, terms);
    if (length) highlights.push({ start: match.index, end: match.index + length });
  }
  if (text.length <= SNIPPET_LENGTH) return { text, highlights };
  const first = highlights[0]?.start ?? 0;
  let start = Math.max(0, first - SNIPPET_LENGTH / 4);
  if (start > 0) start = nextSpace(text, start);
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) end = previousSpace(text, end, start);
  const cut = text.slice(start, end);
  const body = cut.trim();
  const prefix = start > 0 ? '…' : '';
  const shift = prefix.length - start - (cut.length - cut.trimStart().length);
  return {
    text: prefix + body + (end < text.length ? '…' : ''),
    highlights: highlights
      .filter((h) => h.start >= start && h.end <= end)
      .map((h) => ({ start: h.start + shift, end: h.end + shift })),
  };
}

/** How many characters of the word (as written) the longest matching term covers; 0 when none matches. */
function matchLength(word: string, terms: string[]): number {
  const parts = partsOf(word);
  const whole = normalize(word);
  let best = 0;
  for (const term of terms) {
    if (!parts.some((part) => matchesTerm(part, term))) continue;
    if (!whole.startsWith(term)) return word.length; // the match is inside the word: show all of it
    // The shortest beginning of the word as written whose normalized form covers the term (accents may be apart).
    for (let i = 1; i <= word.length; i++) {
      if (normalize(word.slice(0, i)).length >= term.length) {
        best = Math.max(best, extendOverMarks(word, i));
        break;
      }
    }
  }
  return best;
}

/** A combining accent that follows belongs to the letter before it. */
function extendOverMarks(word: string, end: number): number {
  while (end < word.length && /\p{M}/u.test(word[end])) end++;
  return end;
}

function nextSpace(text: string, from: number): number {
  const space = text.indexOf(' ', from);
  return space === -1 || space - from > 20 ? from : space + 1;
}

function previousSpace(text: string, from: number, floor: number): number {
  const space = text.lastIndexOf(' ', from);
  return space <= floor || from - space > 20 ? from : space;
}
