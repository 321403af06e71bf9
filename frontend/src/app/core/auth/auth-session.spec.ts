import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AuthResponse } from '@contracts/auth';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { firstValueFrom, Subject } from 'rxjs';

import { buildAuthResponse, buildErrorBody, buildSignedInState } from '../../testing/builders';
import { AuthApi } from '../api/auth-api';
import { AuthApiActions } from './auth-actions';
import { authFeature, type AuthState, initialAuthState } from './auth-feature';
import { AuthSession, NoSessionError, REFRESH_LOCK, refreshDelayMs } from './auth-session';

function setup(auth: AuthState) {
  const responses: Subject<AuthResponse>[] = [];
  const api = {
    refresh: jest.fn(() => {
      const response = new Subject<AuthResponse>();
      responses.push(response);
      return response;
    }),
  };
  TestBed.configureTestingModule({
    providers: [provideMockStore({ initialState: { [authFeature.name]: auth } }), { provide: AuthApi, useValue: api }],
  });
  const store = TestBed.inject(MockStore);
  const dispatched = jest.spyOn(store, 'dispatch');
  return { session: TestBed.inject(AuthSession), api, responses, dispatched };
}

function answer(response: Subject<AuthResponse>, value: AuthResponse): void {
  response.next(value);
  response.complete();
}

describe('AuthSession.refresh', () => {
  afterEach(() => {
    delete (navigator as { locks?: LockManager }).locks;
  });

  it('shares one refresh among callers and stores the result once', async () => {
    const { session, api, responses, dispatched } = setup(buildSignedInState());
    const first = firstValueFrom(session.refresh());
    const second = firstValueFrom(session.refresh());
    expect(api.refresh).toHaveBeenCalledTimes(1);

    const response = buildAuthResponse({ accessToken: 'new' });
    answer(responses[0], response);

    await expect(first).resolves.toBe(response);
    await expect(second).resolves.toBe(response);
    expect(dispatched.mock.calls).toEqual([[AuthApiActions.sessionRefreshed({ response })]]);
  });

  it('starts a new refresh once the previous one is over', async () => {
    const { session, api, responses } = setup(buildSignedInState());
    const first = firstValueFrom(session.refresh());
    answer(responses[0], buildAuthResponse());
    await first;
    session.refresh().subscribe();
    expect(api.refresh).toHaveBeenCalledTimes(2);
  });

  it('reports a failed restore on page load as "not signed in"', async () => {
    const { session, responses, dispatched } = setup(initialAuthState);
    const result = firstValueFrom(session.refresh());
    responses[0].error(new Error('401'));
    await expect(result).rejects.toThrow('401');
    expect(dispatched.mock.calls).toEqual([[AuthApiActions.sessionRestoreFailed()]]);
  });

  it('reports a refused refresh of a live session as expired', async () => {
    const { session, responses, dispatched } = setup(buildSignedInState());
    const result = firstValueFrom(session.refresh());
    responses[0].error(new HttpErrorResponse({ status: 401, error: buildErrorBody(401) }));
    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(dispatched.mock.calls).toEqual([[AuthApiActions.sessionExpired()]]);
  });

  it('keeps a live session when the server cannot be reached or fails (the next try may work)', async () => {
    const { session, responses, dispatched } = setup(buildSignedInState());
    for (const [i, status] of [0, 503].entries()) {
      const result = firstValueFrom(session.refresh());
      responses[i].error(new HttpErrorResponse({ status }));
      await expect(result).rejects.toMatchObject({ status });
    }
    expect(dispatched).not.toHaveBeenCalled();
  });

  it('says when the refresh failed because the account is banned', async () => {
    const { session, responses, dispatched } = setup(buildSignedInState());
    const result = firstValueFrom(session.refresh());
    responses[0].error(
      new HttpErrorResponse({
        status: 403,
        error: buildErrorBody(403, { code: 'account_banned', message: 'Suspended' }),
      }),
    );
    await expect(result).rejects.toMatchObject({ status: 403 });
    expect(dispatched.mock.calls).toEqual([[AuthApiActions.sessionExpired('banned')]]);
  });

  it('holds the cross-tab Web Lock while refreshing', async () => {
    let release: (() => void) | undefined;
    const held: string[] = [];
    const request = jest.fn((name: string, _options: LockOptions, callback: () => Promise<void>) => {
      held.push(name);
      return callback().then(() => {
        held.splice(held.indexOf(name), 1);
        release?.();
      });
    });
    Object.defineProperty(navigator, 'locks', { value: { request }, configurable: true });
    const { session, api, responses } = setup(buildSignedInState());

    const result = firstValueFrom(session.refresh());
    await Promise.resolve();
    expect(request).toHaveBeenCalledWith(REFRESH_LOCK, expect.anything(), expect.any(Function));
    expect(api.refresh).toHaveBeenCalledTimes(1);
    expect(held).toEqual([REFRESH_LOCK]);

    const released = new Promise<void>((resolve) => (release = resolve));
    answer(responses[0], buildAuthResponse());
    await result;
    await released;
    expect(held).toEqual([]);
  });
});

describe('AuthSession.refresh without a refresh cookie', () => {
  /** The real AuthApi over a test backend, so the 204 goes through HttpClient as it would in the browser. */
  function setupHttp(auth: AuthState) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideMockStore({ initialState: { [authFeature.name]: auth } }),
      ],
    });
    const dispatched = jest.spyOn(TestBed.inject(MockStore), 'dispatch');
    return { session: TestBed.inject(AuthSession), http: TestBed.inject(HttpTestingController), dispatched };
  }

  it('takes the 204 of a visitor with no cookie as "not signed in", without an error response', async () => {
    const { session, http, dispatched } = setupHttp(initialAuthState);
    const result = firstValueFrom(session.refresh());
    http.expectOne({ method: 'POST', url: '/api/auth/refresh' }).flush(null, { status: 204, statusText: 'No Content' });
    await expect(result).rejects.toBeInstanceOf(NoSessionError);
    expect(dispatched.mock.calls).toEqual([[AuthApiActions.sessionRestoreFailed()]]);
    http.verify();
  });

  it('ends a live session whose cookie is gone', async () => {
    const { session, http, dispatched } = setupHttp(buildSignedInState());
    const result = firstValueFrom(session.refresh());
    http.expectOne('/api/auth/refresh').flush(null, { status: 204, statusText: 'No Content' });
    await expect(result).rejects.toBeInstanceOf(NoSessionError);
    expect(dispatched.mock.calls).toEqual([[AuthApiActions.sessionExpired()]]);
  });

  it('still takes a 401 (a cookie that is invalid, expired or reused) as "not signed in"', async () => {
    const { session, http, dispatched } = setupHttp(initialAuthState);
    const result = firstValueFrom(session.refresh());
    http.expectOne('/api/auth/refresh').flush(buildErrorBody(401), { status: 401, statusText: 'Unauthorized' });
    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(dispatched.mock.calls).toEqual([[AuthApiActions.sessionRestoreFailed()]]);
  });
});

describe('refreshDelayMs', () => {
  it('refreshes a minute before a 15-minute token expires', () => {
    expect(refreshDelayMs(900)).toBe(840_000);
  });

  it('waits at least half the lifetime of short tokens', () => {
    expect(refreshDelayMs(10)).toBe(5_000);
  });
});
