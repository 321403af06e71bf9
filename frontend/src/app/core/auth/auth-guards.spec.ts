import { TestBed } from '@angular/core/testing';
import { type ActivatedRouteSnapshot, provideRouter, Router, type RouterStateSnapshot, UrlTree } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Observable } from 'rxjs';

import { buildSignedInState, buildUser } from '../../testing/builders';
import { authFeature, type AuthState, initialAuthState } from './auth-feature';
import { adminGuard, safeReturnUrl, signedInGuard, signedOutGuard } from './auth-guards';

type Guard = typeof signedInGuard;

function setup(auth: AuthState) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideMockStore({ initialState: { [authFeature.name]: auth } })],
  });
  const store = TestBed.inject(MockStore);
  const router = TestBed.inject(Router);
  /** Runs the guard for `url` and records what it emits. */
  const run = (guard: Guard, url: string) => {
    const emitted: (boolean | UrlTree)[] = [];
    const result = TestBed.runInInjectionContext(() =>
      guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    );
    expect(result).toBeInstanceOf(Observable);
    (result as Observable<boolean | UrlTree>).subscribe((value) => emitted.push(value));
    return emitted;
  };
  const setAuth = (state: AuthState) => store.setState({ [authFeature.name]: state });
  const serialize = (value: boolean | UrlTree) => (value instanceof UrlTree ? router.serializeUrl(value) : value);
  return { run, setAuth, serialize };
}

const signedOut: AuthState = { ...initialAuthState, status: 'signedOut' };

describe('signedInGuard', () => {
  it('lets a signed-in person through', () => {
    const { run } = setup(buildSignedInState());
    expect(run(signedInGuard, '/profile')).toEqual([true]);
  });

  it('sends a signed-out person to /login with the page they wanted', () => {
    const { run, serialize } = setup(signedOut);
    expect(run(signedInGuard, '/profile').map(serialize)).toEqual(['/login?returnUrl=%2Fprofile']);
  });

  it('leaves out returnUrl for the home page', () => {
    const { run, serialize } = setup(signedOut);
    expect(run(signedInGuard, '/').map(serialize)).toEqual(['/login']);
  });

  it('waits for the session restore, then decides once', () => {
    const { run, setAuth } = setup(initialAuthState);
    const emitted = run(signedInGuard, '/profile');
    expect(emitted).toEqual([]);

    setAuth(buildSignedInState());
    expect(emitted).toEqual([true]);

    setAuth(signedOut); // already decided: later changes are not this guard's business
    expect(emitted).toEqual([true]);
  });

  it('redirects once the restore finds no session', () => {
    const { run, setAuth, serialize } = setup(initialAuthState);
    const emitted = run(signedInGuard, '/profile');
    setAuth(signedOut);
    expect(emitted.map(serialize)).toEqual(['/login?returnUrl=%2Fprofile']);
  });
});

describe('signedOutGuard', () => {
  it('lets a signed-out person see the login page', () => {
    const { run } = setup(signedOut);
    expect(run(signedOutGuard, '/login')).toEqual([true]);
  });

  it('sends a signed-in person home, after the restore', () => {
    const { run, setAuth, serialize } = setup(initialAuthState);
    const emitted = run(signedOutGuard, '/login');
    expect(emitted).toEqual([]);
    setAuth(buildSignedInState());
    expect(emitted.map(serialize)).toEqual(['/']);
  });
});

describe('adminGuard', () => {
  const admin = buildSignedInState({ user: buildUser({ roles: ['user', 'admin'] }) });

  it('lets an admin through', () => {
    const { run } = setup(admin);
    expect(run(adminGuard, '/admin')).toEqual([true]);
  });

  it('sends everyone else home', () => {
    const { run, serialize } = setup(buildSignedInState());
    expect(run(adminGuard, '/admin').map(serialize)).toEqual(['/']);
  });

  it('waits for the session restore before deciding', () => {
    const { run, setAuth } = setup(initialAuthState);
    const emitted = run(adminGuard, '/admin');
    expect(emitted).toEqual([]);
    setAuth(admin);
    expect(emitted).toEqual([true]);
  });
});

describe('safeReturnUrl', () => {
  it.each([
    ['/profile', '/profile'],
    ['/profile?tab=1', '/profile?tab=1'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['/login?returnUrl=%2F', '/'],
    [undefined, '/'],
  ])('%s → %s', (input, expected) => {
    expect(safeReturnUrl(input)).toBe(expected);
  });
});
