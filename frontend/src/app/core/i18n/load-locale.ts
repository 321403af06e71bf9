import { registerLocaleData } from '@angular/common';
import { loadTranslations } from '@angular/localize';

import { type AppLocale, LANGUAGE_KEY, pickLocale } from './locale';

/**
 * Chooses the page's locale and makes it current: remembers `?lang=`, loads the translations (a static asset from
 * this origin, which the CSP's default-src 'self' allows) and the locale's date and number formats, and sets
 * `<html lang>`. Must run before any module that calls `$localize` at load time is imported.
 */
export async function loadLocale(): Promise<AppLocale> {
  const requested = new URLSearchParams(location.search).get('lang');
  const locale = pickLocale(requested, readRemembered(), navigator.languages ?? [navigator.language]);
  if (requested) remember(locale);
  const loaded = locale === 'de' ? await loadGerman().catch(failedOver) : locale;
  document.documentElement.lang = loaded;
  return loaded;
}

async function loadGerman(): Promise<AppLocale> {
  const [translations, data] = await Promise.all([fetchTranslations('de'), import('@angular/common/locales/de')]);
  loadTranslations(translations);
  registerLocaleData(data.default, 'de');
  return 'de';
}

/** Without its translations the app still works, in English. */
function failedOver(error: unknown): AppLocale {
  console.error('Translations could not be loaded; showing English.', error);
  return 'en-US';
}

async function fetchTranslations(locale: AppLocale): Promise<Record<string, string>> {
  const response = await fetch(new URL(`locale/messages.${locale}.json`, document.baseURI));
  if (!response.ok) throw new Error(`Translations for ${locale}: HTTP ${response.status}`);
  const { translations } = (await response.json()) as { translations: Record<string, string> };
  return translations;
}

// Storage can be unavailable (a sandboxed frame, a browser setting); the choice then lasts for this page only.
function readRemembered(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

function remember(locale: AppLocale): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, locale);
  } catch {
    // See readRemembered.
  }
}
