import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CurrentUserView, UserSettings } from '@contracts/users';
import type { Observable } from 'rxjs';

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
}
