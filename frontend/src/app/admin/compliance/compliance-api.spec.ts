import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

import { toApiError } from '../../core/api/api-error';
import { ComplianceApi, textOf } from './compliance-api';

const ADA_ID = '665f1c2e8b3e4a1d2c9f0a11';
const BEN_ID = '665f1c2e8b3e4a1d2c9f0a22';

describe('ComplianceApi', () => {
  let api: ComplianceApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(ComplianceApi);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('exports for usernames and ids, over whole days in the admin’s time zone', async () => {
    const file = firstValueFrom(api.export({ from: '2026-03-01', to: '2026-03-31', people: ['ada', BEN_ID] }));
    http
      .expectOne((req) => req.url === '/api/admin/users' && req.params.get('q') === 'ada')
      .flush({
        items: [
          { id: 'other', username: 'adam' },
          { id: ADA_ID, username: 'ada' },
        ],
        nextCursor: null,
      });
    const request = http.expectOne((req) => req.url === '/api/admin/export');
    expect(request.request.params.get('userIds')).toBe(`${ADA_ID},${BEN_ID}`);
    expect(request.request.params.get('from')).toBe(new Date(2026, 2, 1).toISOString());
    expect(request.request.params.get('to')).toBe(new Date(2026, 3, 1).toISOString());
    expect(request.request.responseType).toBe('blob');
    request.flush(new Blob(['{"id":"1"}\n']));
    expect(await textOf(await file)).toBe('{"id":"1"}\n');
  });

  it('words an unknown username and a refused export like any other server error', async () => {
    const unknown = firstValueFrom(api.export({ from: '2026-03-01', to: '2026-03-02', people: ['nobody'] }));
    http.expectOne((req) => req.url === '/api/admin/users').flush({ items: [], nextCursor: null });
    await expect(unknown).rejects.toBeInstanceOf(HttpErrorResponse);
    expect(toApiError(await unknown.catch((e: unknown) => e))).toMatchObject({ status: 404, code: 'user_not_found' });

    const refused = firstValueFrom(api.export({ from: '2026-03-01', to: '2026-03-02', people: [ADA_ID] })).catch(
      (e: unknown) => e,
    );
    const body = {
      statusCode: 400,
      error: 'Bad Request',
      message: 'to must be later than from',
      code: 'validation_failed',
    };
    http
      .expectOne((req) => req.url === '/api/admin/export')
      .flush(new Blob([JSON.stringify(body)]), { status: 400, statusText: 'Bad Request' });
    expect(toApiError(await refused)).toMatchObject({ status: 400, message: 'to must be later than from' });
  });
});
