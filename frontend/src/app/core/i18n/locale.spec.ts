import { matchLocale, pickLocale } from './locale';

describe('pickLocale', () => {
  it('takes ?lang= over the remembered choice and the browser', () => {
    expect(pickLocale('de', 'en', ['en-GB'])).toBe('de');
    expect(pickLocale('en', 'de', ['de-DE'])).toBe('en-US');
  });

  it('falls back to the remembered choice, then to the first browser language it ships', () => {
    expect(pickLocale(null, 'de', ['en-US'])).toBe('de');
    expect(pickLocale(null, null, ['fr-FR', 'de-AT', 'en'])).toBe('de');
    expect(pickLocale('xx', null, ['en-GB', 'de'])).toBe('en-US');
  });

  it('is English when nothing matches', () => {
    expect(pickLocale(null, null, ['fr', 'ja'])).toBe('en-US');
    expect(pickLocale('', '', [])).toBe('en-US');
  });
});

describe('matchLocale', () => {
  it('matches on the language subtag, case-insensitively', () => {
    expect(matchLocale('DE_ch')).toBe('de');
    expect(matchLocale('en-AU')).toBe('en-US');
    expect(matchLocale('fr')).toBeNull();
    expect(matchLocale(undefined)).toBeNull();
  });
});
