/** The languages the SPA ships: the source texts (English) and their translations (frontend/src/locale/). */
export const LOCALES = ['en-US', 'de'] as const;
export type AppLocale = (typeof LOCALES)[number];

/** Where `?lang=` is remembered, so the choice a portal passed once holds for the next visits. */
export const LANGUAGE_KEY = 'chat.language';

/** "de-AT" → "de", "en" → "en-US", "fr" → null: the shipped locale for a BCP 47 tag, matched on its language. */
export function matchLocale(tag: string | null | undefined): AppLocale | null {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  if (!language) return null;
  return LOCALES.find((locale) => locale.toLowerCase().split('-')[0] === language) ?? null;
}

/** `?lang=` first, then the remembered choice, then the browser's preferred languages in order; else English. */
export function pickLocale(
  requested: string | null,
  remembered: string | null,
  preferred: readonly string[],
): AppLocale {
  return (
    matchLocale(requested) ??
    matchLocale(remembered) ??
    preferred.map(matchLocale).find((locale) => locale !== null) ??
    'en-US'
  );
}
