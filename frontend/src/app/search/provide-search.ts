import type { EnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';

import * as searchEffects from './search-effects';
import { searchFeature } from './search-feature';

/** The state and effects of the search page, provided by its route. */
export function provideSearch(): EnvironmentProviders[] {
  return [provideState(searchFeature), provideEffects(searchEffects)];
}
