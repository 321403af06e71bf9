import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Page } from '@contracts/users';
import type { CreatedWebhookView, WebhookDeliveryView, WebhookEventType, WebhookView } from '@contracts/webhooks';
import type { Observable } from 'rxjs';

export interface NewWebhook {
  url: string;
  events: WebhookEventType[];
  secret?: string;
}

/** /api/admin/webhooks (role admin). */
@Injectable({ providedIn: 'root' })
export class WebhooksApi {
  private readonly http = inject(HttpClient);

  list(): Observable<WebhookView[]> {
    return this.http.get<WebhookView[]>('/api/admin/webhooks');
  }

  /** The answer carries the whole signing secret, shown only this once. */
  create(webhook: NewWebhook): Observable<CreatedWebhookView> {
    return this.http.post<CreatedWebhookView>('/api/admin/webhooks', webhook);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/admin/webhooks/${id}`);
  }

  resume(id: string): Observable<WebhookView> {
    return this.http.post<WebhookView>(`/api/admin/webhooks/${id}/resume`, null);
  }

  /** Newest first, 30 per page. */
  deliveries(id: string, cursor: string | null = null): Observable<Page<WebhookDeliveryView>> {
    return this.http.get<Page<WebhookDeliveryView>>(`/api/admin/webhooks/${id}/deliveries`, {
      params: cursor ? { cursor } : {},
    });
  }
}
