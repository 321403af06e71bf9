import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';

import { adminGuard, signedInGuard, signedOutGuard } from './core/auth/auth-guards';
import * as profileEffects from './profile/profile-effects';
import { profileFeature } from './profile/profile-feature';

export const routes: Routes = [
  {
    path: 'login',
    title: $localize`:@@route.signIn:Sign in`,
    canActivate: [signedOutGuard],
    loadComponent: () => import('./auth/pages/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'signup',
    title: $localize`:@@route.signUp:Create account`,
    canActivate: [signedOutGuard],
    loadComponent: () => import('./auth/pages/signup-page').then((m) => m.SignupPage),
  },
  {
    path: 'forgot-password',
    title: $localize`:@@route.forgotPassword:Forgot password`,
    canActivate: [signedOutGuard],
    loadComponent: () => import('./auth/pages/forgot-password-page').then((m) => m.ForgotPasswordPage),
  },
  {
    // Opened from mailed links, so they work whether or not this browser is signed in.
    path: 'reset-password',
    title: $localize`:@@route.resetPassword:Choose a new password`,
    loadComponent: () => import('./auth/pages/reset-password-page').then((m) => m.ResetPasswordPage),
  },
  {
    path: 'accept-invitation',
    title: $localize`:@@route.acceptInvitation:Accept invitation`,
    loadComponent: () => import('./auth/pages/accept-invitation-page').then((m) => m.AcceptInvitationPage),
  },
  {
    path: 'verify-email',
    title: $localize`:@@route.verifyEmail:Verify email`,
    loadComponent: () => import('./auth/pages/verify-email-page').then((m) => m.VerifyEmailPage),
  },
  {
    // A single sign-on popup's last page: hands the sign-in to the framed app that opened it.
    path: 'embed/sso-done',
    title: $localize`:@@route.ssoDone:Signing in`,
    loadComponent: () => import('./embed/pages/sso-done-page').then((m) => m.SsoDonePage),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    canActivateChild: [signedInGuard],
    loadComponent: () => import('./core/layout/app-shell').then((m) => m.AppShell),
    children: [
      {
        path: 'profile',
        title: $localize`:@@route.profile:Profile`,
        providers: [provideState(profileFeature), provideEffects(profileEffects)],
        loadComponent: () => import('./profile/pages/profile-page').then((m) => m.ProfilePage),
      },
      {
        path: 'admin',
        title: $localize`:@@route.admin:Admin`,
        canActivate: [adminGuard],
        loadChildren: () => import('./admin/admin-routes').then((m) => m.ADMIN_ROUTES),
      },
      {
        // A portal's links to a person: /u/:username, /u/email/:email, /u/ext/:externalId.
        path: 'u',
        loadChildren: () => import('./embed/embed-routes').then((m) => m.DEEP_LINK_ROUTES),
      },
      {
        // The chat list at / and a conversation at /c/:conversationId.
        path: '',
        loadChildren: () => import('./chat/chat-routes').then((m) => m.CHAT_ROUTES),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
