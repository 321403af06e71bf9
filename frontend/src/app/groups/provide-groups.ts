import type { EnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';

import * as groupEffects from './group-effects';
import { groupsFeature } from './groups-feature';

/** The state and effects of the group pages (creating a group, a group's info), provided by their routes. */
export function provideGroups(): EnvironmentProviders[] {
  return [provideState(groupsFeature), provideEffects(groupEffects)];
}
