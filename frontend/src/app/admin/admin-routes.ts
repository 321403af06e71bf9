import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';

import * as adminEffects from './admin-effects';
import { adminFeature } from './admin-feature';
import * as complianceEffects from './compliance/compliance-effects';
import { complianceFeature } from './compliance/compliance-feature';
import * as tokensEffects from './tokens/tokens-effects';
import { tokensFeature } from './tokens/tokens-feature';
import * as webhooksEffects from './webhooks/webhooks-effects';
import { webhooksFeature } from './webhooks/webhooks-feature';

/** Loaded only when an admin opens /admin, with its state and effects. */
export const ADMIN_ROUTES: Routes = [
  {
    path: 'tokens',
    title: $localize`:@@route.adminTokens:Service tokens`,
    providers: [provideState(tokensFeature), provideEffects(tokensEffects)],
    loadComponent: () => import('./tokens/tokens-page').then((m) => m.TokensPage),
  },
  {
    path: '',
    providers: [provideState(adminFeature), provideEffects(adminEffects)],
    loadComponent: () => import('./pages/admin-page').then((m) => m.AdminPage),
  },
  {
    path: 'compliance',
    title: $localize`:@@route.adminCompliance:Compliance`,
    providers: [provideState(complianceFeature), provideEffects(complianceEffects)],
    loadComponent: () => import('./compliance/compliance-page').then((m) => m.CompliancePage),
  },
  {
    path: 'webhooks',
    title: $localize`:@@route.adminWebhooks:Webhooks`,
    providers: [provideState(webhooksFeature), provideEffects(webhooksEffects)],
    loadComponent: () => import('./webhooks/webhooks-page').then((m) => m.WebhooksPage),
  },
];
