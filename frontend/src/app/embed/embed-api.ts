import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AuthResponse, CookieCheck } from '@contracts/auth';
import type { EmbedSettings } from '@contracts/embed';
import type { Observable } from 'rxjs';

/** What the app needs from the server inside a portal's frame. */
@Injectable({ providedIn: 'root' })
export class EmbedApi {
  private readonly http = inject(HttpClient);

  settings(): Observable<EmbedSettings> {
    return this.http.get<EmbedSettings>('/api/embed/config');
  }

  /** Whether the browser sends the session cookie here (it may withhold it inside a frame). */
  cookieCheck(): Observable<CookieCheck> {
    return this.http.get<CookieCheck>('/api/auth/cookie-check');
  }

  /** Trades the single sign-on popup's one-time code for a session in this frame's cookie jar. */
  redeemSsoCode(code: string, verifier: string): Observable<AuthResponse> {
    return this.http.post<AuthResponse>('/api/auth/oidc/redeem', { code, verifier });
  }
}
