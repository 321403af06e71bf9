import { snippetParts } from './snippet-parts';

describe('snippetParts', () => {
  it('cuts the text at the highlight ranges, marking the matches', () => {
    expect(
      snippetParts({
        text: 'Meet at Café Müller',
        highlights: [
          { start: 8, end: 11 },
          { start: 13, end: 16 },
        ],
      }),
    ).toEqual([
      { text: 'Meet at ', match: false },
      { text: 'Caf', match: true },
      { text: 'é ', match: false },
      { text: 'Mül', match: true },
      { text: 'ler', match: false },
    ]);
  });

  it('keeps markup as text: the parts are rendered as text nodes', () => {
    expect(snippetParts({ text: '<img src=x onerror=alert(1)> hi', highlights: [{ start: 29, end: 31 }] })).toEqual([
      { text: '<img src=x onerror=alert(1)> ', match: false },
      { text: 'hi', match: true },
    ]);
  });

  it('clamps ranges out of order, overlapping or past the end', () => {
    expect(
      snippetParts({
        text: 'abcdef',
        highlights: [
          { start: 4, end: 99 },
          { start: 0, end: 2 },
          { start: 1, end: 3 },
        ],
      }),
    ).toEqual([
      { text: 'ab', match: true },
      { text: 'c', match: true },
      { text: 'd', match: false },
      { text: 'ef', match: true },
    ]);
  });
});
