import { queryTermsOf, snippetOf, termsOf } from './search-terms';

describe('search terms', () => {
  it('stores the distinct words lower-cased, without accents, ß as ss, split on anything but letters and digits', () => {
    expect(termsOf('Café CAFE café! Straße, e-mail 42x ÅNGSTRÖM')).toEqual([
      'cafe',
      'strasse',
      'e',
      'mail',
      '42x',
      'angstrom',
    ]);
    expect(termsOf('Cafe\u0301 naïve')).toEqual(['cafe', 'naive']);
    expect(termsOf('Привет, мир; Ελλάδα')).toEqual(['привет', 'мир', 'ελλαδα']);
    expect(termsOf(null)).toEqual([]);
    expect(termsOf('a'.repeat(100))).toEqual(['a'.repeat(40)]);
  });

  it('reads a query the same way, metacharacters as separators, at most six words', () => {
    expect(queryTermsOf('(foo.*) [bar]+ ^baz$')).toEqual(['foo', 'bar', 'baz']);
    expect(queryTermsOf('.*')).toEqual([]);
    expect(queryTermsOf('a b c d e f g h')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('highlights the matching beginning of each word as written, accents included', () => {
    const text = 'Meet at the Café Müller, cafeteria later';
    const { highlights } = snippetOf(text, ['caf', 'mul']);
    expect(highlights.map(({ start, end }) => text.slice(start, end))).toEqual(['Caf', 'Mül', 'caf']);
    const decomposed = 'Cafe\u0301';
    const [whole] = snippetOf(decomposed, ['cafe']).highlights;
    expect(decomposed.slice(whole.start, whole.end)).toBe(decomposed);
  });

  it('highlights a one-letter word only where it is the whole word', () => {
    const text = 'a apple b';
    expect(snippetOf(text, ['a']).highlights).toEqual([{ start: 0, end: 1 }]);
  });

  it('cuts a long text around the first match and keeps the ranges on the cut text', () => {
    const text = `${'word '.repeat(100)}needle ${'word '.repeat(100)}`;
    const snippet = snippetOf(text, ['needle']);
    expect(snippet.text.length).toBeLessThanOrEqual(162);
    expect(snippet.text.startsWith('…') && snippet.text.endsWith('…')).toBe(true);
    expect(snippet.highlights.map(({ start, end }) => snippet.text.slice(start, end))).toEqual(['needle']);
  });
});
