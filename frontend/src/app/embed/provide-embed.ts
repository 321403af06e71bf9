import { type EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';

import * as embedEffects from './embed-effects';
import { embedFeature } from './embed-feature';

/** Embedding in a portal: the bridge to the portal page, deep links, cookies and sign-in inside a frame. */
export function provideEmbed(): EnvironmentProviders {
  return makeEnvironmentProviders([provideState(embedFeature), provideEffects(embedEffects)]);
}
