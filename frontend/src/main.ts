import { LOCALE_ID } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';

import { loadLocale } from './app/core/i18n/load-locale';

// The app is imported only after the translations are loaded: its modules call $localize as they load (route
// titles, constants), and those calls must already see the German texts.
async function start(): Promise<void> {
  const locale = await loadLocale();
  const [{ App }, { appConfig }] = await Promise.all([import('./app/app'), import('./app/app.config')]);
  await bootstrapApplication(App, { providers: [...appConfig.providers, { provide: LOCALE_ID, useValue: locale }] });
}

start().catch((error: unknown) => console.error(error));
