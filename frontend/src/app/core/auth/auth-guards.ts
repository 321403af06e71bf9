import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { Store } from '@ngrx/store';
import { filter, map, take } from 'rxjs';

import { authFeature } from './auth-feature';

/** The restored (or definitely absent) session: waits while the refresh on page load is still running. */
function settledStatus() {
  return inject(Store)
    .select(authFeature.selectStatus)
    .pipe(
      filter((status) => status !== 'restoring'),
      take(1),
    );
}

/** Signed-in pages: otherwise to /login, remembering where the person wanted to go. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const router = inject(Router);
  return settledStatus().pipe(
    map((status) =>
      status === 'signedIn'
        ? true
        : router.createUrlTree(['/login'], { queryParams: state.url === '/' ? {} : { returnUrl: state.url } }),
    ),
  );
};

/** Admin pages: others go home (the server refuses them anyway; this keeps the page from showing). */
export const adminGuard: CanActivateFn = () => {
  const router = inject(Router);
  const isAdmin = inject(Store).selectSignal(authFeature.selectIsAdmin);
  return settledStatus().pipe(map(() => isAdmin() || router.createUrlTree(['/'])));
};

/** Login and signup: a signed-in person goes home instead. */
export const signedOutGuard: CanActivateFn = () => {
  const router = inject(Router);
  return settledStatus().pipe(map((status) => (status === 'signedIn' ? router.createUrlTree(['/']) : true)));
};

/** Only paths inside this app, so a crafted ?returnUrl= cannot send people to another site. */
export function safeReturnUrl(url: unknown): string {
  if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return '/';
  return /^\/(login|signup)(\/|\?|$)/.test(url) ? '/' : url;
}
