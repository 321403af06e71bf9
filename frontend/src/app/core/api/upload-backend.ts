import { FetchBackend, type HttpBackend, type HttpEvent, type HttpRequest, HttpXhrBackend } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

/**
 * Fetch for everything, except uploads that ask for progress: fetch cannot report upload progress, XHR can. The
 * interceptors (token, 401 refresh) run before the backend, so both paths are treated alike.
 */
@Injectable()
export class UploadAwareBackend implements HttpBackend {
  private readonly fetch = inject(FetchBackend);
  private readonly xhr = inject(HttpXhrBackend);

  handle(request: HttpRequest<unknown>): Observable<HttpEvent<unknown>> {
    const upload = request.reportProgress && request.body instanceof FormData;
    return (upload ? this.xhr : this.fetch).handle(request);
  }
}
