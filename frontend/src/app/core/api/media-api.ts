import { HttpClient, type HttpEvent, HttpEventType } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { MediaView } from '@contracts/messages';
import type { CurrentUserView } from '@contracts/users';
import { filter, map, type Observable } from 'rxjs';

/** Where an upload is: how much has been sent (0..1), then the server's answer. */
export type UploadEvent<T> = { kind: 'progress'; progress: number } | { kind: 'done'; body: T };

/** Uploads (pictures and videos for messages, the profile picture), reporting progress. */
@Injectable({ providedIn: 'root' })
export class MediaApi {
  private readonly http = inject(HttpClient);

  upload(file: Blob): Observable<UploadEvent<MediaView>> {
    return this.send<MediaView>('POST', '/api/media', file);
  }

  setAvatar(file: Blob): Observable<UploadEvent<CurrentUserView>> {
    return this.send<CurrentUserView>('PUT', '/api/users/me/avatar', file);
  }

  removeAvatar(): Observable<CurrentUserView> {
    return this.http.delete<CurrentUserView>('/api/users/me/avatar');
  }

  private send<T>(method: 'POST' | 'PUT', url: string, file: Blob): Observable<UploadEvent<T>> {
    const body = new FormData();
    body.append('file', file, file instanceof File ? file.name : 'upload');
    return this.http.request<T>(method, url, { body, reportProgress: true, observe: 'events' }).pipe(
      map((event) => toUploadEvent(event)),
      filter((event): event is UploadEvent<T> => event !== null),
    );
  }
}

export function toUploadEvent<T>(event: HttpEvent<T>): UploadEvent<T> | null {
  if (event.type === HttpEventType.UploadProgress) {
    return { kind: 'progress', progress: event.total ? Math.min(1, event.loaded / event.total) : 0 };
  }
  if (event.type === HttpEventType.Response) return { kind: 'done', body: event.body as T };
  return null;
}
