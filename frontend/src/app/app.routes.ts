import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { signedInGuard, signedOutGuard } from './core/auth/auth-guards';
import * as profileEffects from './profile/profile-effects';
import { profileFeature } from './profile/profile-feature';

export const routes: Routes = [
  {
    path: 'login',
    title: 'Sign in',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./auth/pages/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'signup',
    title: 'Create account',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./auth/pages/signup-page').then((m) => m.SignupPage),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    canActivateChild: [signedInGuard],
    loadComponent: () => import('./core/layout/app-shell').then((m) => m.AppShell),
    children: [
      {
        path: '',
        title: 'Chats',
        loadComponent: () => import('./home/pages/home-page').then((m) => m.HomePage),
      },
      {
        // The same page with a conversation open (bound to its `conversationId` input).
        path: 'c/:conversationId',
        title: 'Chats',
        loadComponent: () => import('./home/pages/home-page').then((m) => m.HomePage),
      },
      {
        path: 'profile',
        title: 'Profile',
        providers: [provideState(profileFeature), provideEffects(profileEffects)],
        loadComponent: () => import('./profile/pages/profile-page').then((m) => m.ProfilePage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
