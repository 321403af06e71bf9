import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideStore, Store } from '@ngrx/store';
import { firstValueFrom } from 'rxjs';

import { buildAuthResponse, buildErrorBody, buildSignedInState } from '../../testing/builders';
import { authFeature, type AuthState } from './auth-feature';
import { authInterceptor } from './auth-interceptor';

const REFRESH = '/api/auth/refresh';

function setup(auth: AuthState = buildSignedInState({ accessToken: 'old-token' })) {
  TestBed.configureTestingModule({
    providers: [
      provideStore({ [authFeature.name]: authFeature.reducer }, { initialState: { [authFeature.name]: auth } }),
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
    ],
  });
  const store = TestBed.inject(Store);
  return {
    http: TestBed.inject(HttpClient),
    httpMock: TestBed.inject(HttpTestingController),
    authState: () => store.selectSignal(authFeature.selectAuthState)(),
  };
}

function reject401(request: TestRequest): void {
  request.flush(buildErrorBody(401, { error: 'Unauthorized', message: 'Token expired' }), {
    status: 401,
    statusText: 'Unauthorized',
  });
}

const bearer = (request: TestRequest) => request.request.headers.get('Authorization');
const thingRequests = (url: string) => url.startsWith('/api/things/');

describe('authInterceptor', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('sends the bearer token to our API', () => {
    const { http, httpMock } = setup();
    http.get('/api/users/me').subscribe();
    expect(bearer(httpMock.expectOne('/api/users/me'))).toBe('Bearer old-token');
  });

  it.each(['https://elsewhere.example/api/users/me', '/assets/logo.svg', '/api/auth/login', REFRESH])(
    'sends no token to %s',
    (url) => {
      const { http, httpMock } = setup();
      http.post(url, {}).subscribe();
      expect(httpMock.expectOne(url).request.headers.has('Authorization')).toBe(false);
    },
  );

  it('refreshes once for three concurrent 401s and retries each request once with the new token', () => {
    const { http, httpMock, authState } = setup();
    const results: unknown[] = [];
    for (const id of [1, 2, 3]) http.get(`/api/things/${id}`).subscribe((body) => results.push(body));

    const first = httpMock.match((req) => thingRequests(req.url));
    expect(first).toHaveLength(3);
    expect(first.map(bearer)).toEqual(['Bearer old-token', 'Bearer old-token', 'Bearer old-token']);
    first.forEach(reject401);

    const refresh = httpMock.expectOne(REFRESH); // fails if there were two
    expect(refresh.request.method).toBe('POST');
    refresh.flush(buildAuthResponse({ accessToken: 'new-token' }));

    const retries = httpMock.match((req) => thingRequests(req.url));
    expect(retries.map((r) => r.request.url)).toEqual(['/api/things/1', '/api/things/2', '/api/things/3']);
    expect(retries.map(bearer)).toEqual(['Bearer new-token', 'Bearer new-token', 'Bearer new-token']);
    retries.forEach((request, index) => request.flush({ id: index + 1 }));

    expect(results).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(authState()).toMatchObject({ status: 'signedIn', accessToken: 'new-token' });
    httpMock.expectNone(REFRESH);
  });

  it('retries only once: a second 401 goes to the caller without another refresh', async () => {
    const { http, httpMock } = setup();
    const result = firstValueFrom(http.get('/api/things/1'));
    reject401(httpMock.expectOne('/api/things/1'));
    httpMock.expectOne(REFRESH).flush(buildAuthResponse({ accessToken: 'new-token' }));
    reject401(httpMock.expectOne('/api/things/1'));

    await expect(result).rejects.toMatchObject({ status: 401 });
    httpMock.expectNone(REFRESH);
    httpMock.expectNone((req) => thingRequests(req.url));
  });

  it('signs out when the refresh fails, and every waiting request gets its 401', async () => {
    const { http, httpMock, authState } = setup();
    const results = [1, 2, 3].map((id) => firstValueFrom(http.get(`/api/things/${id}`)).catch((e: unknown) => e));
    httpMock.match((req) => thingRequests(req.url)).forEach(reject401);

    reject401(httpMock.expectOne(REFRESH));

    for (const error of await Promise.all(results)) {
      expect(error).toBeInstanceOf(HttpErrorResponse);
      expect(error).toMatchObject({ status: 401, url: expect.stringContaining('/api/things/') });
    }
    expect(authState()).toMatchObject({ status: 'signedOut', accessToken: null, user: null });
    httpMock.expectNone((req) => thingRequests(req.url));
  });

  it('retries with a token refreshed meanwhile instead of refreshing again', () => {
    const { http, httpMock } = setup();
    http.get('/api/things/1').subscribe();
    http.get('/api/things/2').subscribe();
    const [first, second] = httpMock.match((req) => thingRequests(req.url));

    reject401(first);
    httpMock.expectOne(REFRESH).flush(buildAuthResponse({ accessToken: 'new-token' }));
    expect(bearer(httpMock.expectOne('/api/things/1'))).toBe('Bearer new-token');

    // The second request was sent with the old token and fails after the refresh has already finished.
    reject401(second);
    httpMock.expectNone(REFRESH);
    expect(bearer(httpMock.expectOne('/api/things/2'))).toBe('Bearer new-token');
  });

  it('passes 401s from the login endpoint straight through', async () => {
    const { http, httpMock } = setup({ ...buildSignedInState(), status: 'signedOut', accessToken: null, user: null });
    const result = firstValueFrom(http.post('/api/auth/login', { login: 'ada', password: 'nope' }));
    reject401(httpMock.expectOne('/api/auth/login'));
    await expect(result).rejects.toMatchObject({ status: 401 });
    httpMock.expectNone(REFRESH);
  });

  it('does not try to refresh when nobody is signed in', async () => {
    const { http, httpMock } = setup({ ...buildSignedInState(), status: 'signedOut', accessToken: null, user: null });
    const result = firstValueFrom(http.get('/api/users/me'));
    reject401(httpMock.expectOne('/api/users/me'));
    await expect(result).rejects.toMatchObject({ status: 401 });
    httpMock.expectNone(REFRESH);
  });

  it('passes other errors through untouched', async () => {
    const { http, httpMock } = setup();
    const result = firstValueFrom(http.get('/api/things/1'));
    httpMock.expectOne('/api/things/1').flush(buildErrorBody(403), { status: 403, statusText: 'Forbidden' });
    await expect(result).rejects.toMatchObject({ status: 403 });
    httpMock.expectNone(REFRESH);
  });
});
