import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

import { buildFriend, buildRequest } from '../testing/friends-builders';
import { FriendsApi } from './friends-api';

function setup() {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  return { api: TestBed.inject(FriendsApi), http: TestBed.inject(HttpTestingController) };
}

describe('FriendsApi', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('fetches every page of friends, within the server limit', async () => {
    const { api, http } = setup();
    const [first, second] = [buildFriend(), buildFriend()];
    const all = firstValueFrom(api.listFriends());
    http.expectOne('/api/friends?limit=200').flush({ items: [first], nextCursor: 'c1' });
    http.expectOne('/api/friends?cursor=c1&limit=200').flush({ items: [second], nextCursor: null });
    expect(await all).toEqual([first, second]);
  });

  it('fetches requests by direction, within the server limit', async () => {
    const { api, http } = setup();
    const request = buildRequest('incoming');
    const incoming = firstValueFrom(api.listRequests('incoming'));
    http.expectOne('/api/friends/requests?direction=incoming&limit=100').flush({ items: [request], nextCursor: null });
    expect(await incoming).toEqual([request]);
  });

  it('searches with a cursor only for later pages', () => {
    const { api, http } = setup();
    api.search('ad').subscribe();
    http.expectOne('/api/users/search?q=ad').flush({ items: [], nextCursor: null });
    api.search('ad', 'c2').subscribe();
    http.expectOne('/api/users/search?q=ad&cursor=c2').flush({ items: [], nextCursor: null });
  });

  it.each([
    ['sendRequest', ['u1'], 'POST', '/api/friends/requests', { to: 'u1' }],
    ['accept', ['r1'], 'POST', '/api/friends/requests/r1/accept', null],
    ['decline', ['r1'], 'POST', '/api/friends/requests/r1/decline', null],
    ['cancel', ['r1'], 'DELETE', '/api/friends/requests/r1', null],
    ['unfriend', ['u1'], 'DELETE', '/api/friends/u1', null],
    ['block', ['u1'], 'POST', '/api/users/u1/block', null],
    ['unblock', ['u1'], 'DELETE', '/api/users/u1/block', null],
  ] as const)('%s → %s %s', (method, args, verb, url, body) => {
    const { api, http } = setup();
    (api[method] as (...a: string[]) => ReturnType<FriendsApi['unblock']>)(...args).subscribe();
    const req = http.expectOne(url);
    expect(req.request.method).toBe(verb);
    expect(req.request.body).toEqual(body);
    req.flush(null);
  });
});
