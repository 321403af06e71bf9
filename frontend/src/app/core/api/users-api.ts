import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CurrentUserView, UserSettings } from '@contracts/users';
import { catchError, from, map, type Observable, switchMap, throwError } from 'rxjs';

export interface UpdateMeRequest {
  displayName?: string;
  bio?: string;
  username?: string;
  settings?: Partial<UserSettings>;
}

/** The signed-in user's own account under /api/users/me. */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  getMe(): Observable<CurrentUserView> {
    return this.http.get<CurrentUserView>('/api/users/me');
  }

  updateMe(changes: UpdateMeRequest): Observable<CurrentUserView> {
    return this.http.patch<CurrentUserView>('/api/users/me', changes);
  }

  /**
   * The ZIP of everything the person has here. Fetched with the access token (it lives in memory, so a plain link
   * could not carry it) and handed over as a file to save, named as the server suggests.
   */
  exportData(): Observable<DownloadedFile> {
    return this.http.get('/api/users/me/export', { responseType: 'blob', observe: 'response' }).pipe(
      map((res) => ({ blob: res.body ?? new Blob(), filename: filenameOf(res.headers.get('Content-Disposition')) })),
      catchError((error: unknown) => from(withJsonBody(error)).pipe(switchMap((parsed) => throwError(() => parsed)))),
    );
  }

  /** Deletes the account for good; `password` unless the account came from single sign-on without one. */
  eraseMe(password?: string): Observable<void> {
    return this.http.delete<void>('/api/users/me', { body: password === undefined ? {} : { password } });
  }
}

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

function filenameOf(disposition: string | null): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? 'chat-data.zip';
}

/** A failed blob request carries its JSON error body as a Blob: read it, so the error says what went wrong. */
async function withJsonBody(error: unknown): Promise<unknown> {
  if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) return error;
  try {
    const body: unknown = JSON.parse(await error.error.text());
    return new HttpErrorResponse({
      error: body,
      headers: error.headers,
      status: error.status,
      statusText: error.statusText,
      url: error.url ?? undefined,
    });
  } catch {
    return error;
  }
}
