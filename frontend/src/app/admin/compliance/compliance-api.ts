import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { HoldKind, LegalHoldView } from '@contracts/compliance';
import { catchError, forkJoin, from, map, type Observable, of, switchMap, throwError } from 'rxjs';

import { AdminApi } from '../admin-api';

export interface NewHold {
  kind: HoldKind;
  /** A user's username or id; a conversation's id. */
  target: string;
  reason: string;
}

export interface ExportRequest {
  /** yyyy-mm-dd, both inclusive (the admin's days). */
  from: string;
  to: string;
  /** Usernames or ids. */
  people: string[];
}

const OBJECT_ID = /^[a-f\d]{24}$/i;

/** /api/admin/holds and /api/admin/export (role admin). */
@Injectable({ providedIn: 'root' })
export class ComplianceApi {
  private readonly http = inject(HttpClient);
  private readonly admin = inject(AdminApi);

  holds(): Observable<LegalHoldView[]> {
    return this.http.get<LegalHoldView[]>('/api/admin/holds');
  }

  place(hold: NewHold): Observable<LegalHoldView> {
    const target$ = hold.kind === 'user' ? this.userIds([hold.target]).pipe(map(([id]) => id)) : of(hold.target);
    return target$.pipe(
      switchMap((targetId) =>
        this.http.post<LegalHoldView>('/api/admin/holds', { kind: hold.kind, targetId, reason: hold.reason }),
      ),
    );
  }

  release(id: string): Observable<void> {
    return this.http.delete<void>(`/api/admin/holds/${encodeURIComponent(id)}`);
  }

  /** The JSON lines file; its days run from the start of `from` to the end of `to` in the admin's time zone. */
  export(request: ExportRequest): Observable<Blob> {
    return this.userIds(request.people).pipe(
      switchMap((userIds) =>
        this.http.get('/api/admin/export', {
          params: {
            from: new Date(`${request.from}T00:00:00`).toISOString(),
            to: new Date(new Date(`${request.to}T00:00:00`).getTime() + 24 * 60 * 60 * 1000).toISOString(),
            userIds: userIds.join(','),
          },
          responseType: 'blob',
        }),
      ),
      catchError(blobErrorToJson),
    );
  }

  /** Ids as given; usernames looked up (an unknown one fails like the server's 404 would). */
  private userIds(people: string[]): Observable<string[]> {
    return forkJoin(
      people.map((person) =>
        OBJECT_ID.test(person)
          ? of(person)
          : this.admin.listUsers(person).pipe(
              map((page) => {
                const user = page.items.find((item) => item.username === person.toLowerCase());
                if (!user) throw unknownUser(person);
                return user.id;
              }),
            ),
      ),
    );
  }
}

function unknownUser(person: string): HttpErrorResponse {
  return new HttpErrorResponse({
    status: 404,
    error: { statusCode: 404, error: 'Not Found', message: `No user @${person}`, code: 'user_not_found' },
  });
}

/** A failed blob request carries its JSON error body as a Blob: read it, so the error shows as any other. */
function blobErrorToJson(error: unknown): Observable<never> {
  if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) return throwError(() => error);
  return from(textOf(error.error)).pipe(
    switchMap((text) => {
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: the status alone tells.
      }
      return throwError(
        () => new HttpErrorResponse({ status: error.status, statusText: error.statusText, error: body }),
      );
    }),
  );
}

/** A blob's text (FileReader rather than Blob.text(), which jsdom lacks). */
export function textOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}
