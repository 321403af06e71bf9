import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  type ElementRef,
  inject,
  LOCALE_ID,
  signal,
  viewChild,
} from '@angular/core';
import type { WebhookView } from '@contracts/webhooks';
import { Store } from '@ngrx/store';

import { Button } from '../../shared/ui/button';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog';
import { FormAlert } from '../../shared/ui/form-alert';
import { Input } from '../../shared/ui/input';
import { AdminNav } from '../components/admin-nav';
import { Badge } from '../components/badge';
import { timeAgo } from '../format';
import { DeliveryLog } from './components/delivery-log';
import { WebhookForm } from './components/webhook-form';
import { WebhooksPageActions } from './webhooks-actions';
import type { NewWebhook } from './webhooks-api';
import { webhooksFeature } from './webhooks-feature';

/** While a delivery log is open, it follows retries by itself. */
const LOG_REFRESH_MS = 5_000;

/** /admin/webhooks: register endpoints, see which are paused and resume them, and each one's delivery log. */
@Component({
  selector: 'app-webhooks-page',
  imports: [AdminNav, Badge, Button, ConfirmDialog, DeliveryLog, FormAlert, Input, WebhookForm],
  templateUrl: './webhooks-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WebhooksPage {
  private readonly store = inject(Store);

  protected readonly state = this.store.selectSignal(webhooksFeature.selectWebhooksState);
  protected readonly webhooks = this.store.selectSignal(webhooksFeature.selectWebhooks);
  protected readonly created = this.store.selectSignal(webhooksFeature.selectCreated);
  protected readonly busy = this.store.selectSignal(webhooksFeature.selectBusy);
  protected readonly openLog = this.store.selectSignal(webhooksFeature.selectDeliveries);
  protected readonly pausedCount = computed(() => this.webhooks().filter((w) => w.status === 'paused').length);
  protected readonly deleting = signal<WebhookView | null>(null);
  protected readonly copied = signal(false);
  protected readonly now = signal(Date.now());
  private readonly locale = inject(LOCALE_ID);

  private readonly secretHeading = viewChild<ElementRef<HTMLElement>>('secretHeading');
  private readonly endpointsHeading = viewChild.required<ElementRef<HTMLElement>>('endpointsHeading');

  constructor() {
    this.store.dispatch(WebhooksPageActions.opened());
    // The secret is what the admin must act on next: focus goes to it as soon as it is shown.
    effect(() => this.secretHeading()?.nativeElement.focus());
    const timer = setInterval(() => {
      this.now.set(Date.now());
      const log = this.openLog();
      if (log && !log.loading) this.refreshLog(log.webhookId);
    }, LOG_REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected register(webhook: NewWebhook): void {
    this.copied.set(false);
    this.store.dispatch(WebhooksPageActions.registerSubmitted({ webhook }));
  }

  protected async copy(secret: string): Promise<void> {
    await navigator.clipboard.writeText(secret);
    this.copied.set(true);
  }

  protected dismissSecret(): void {
    this.store.dispatch(WebhooksPageActions.secretDismissed());
    this.endpointsHeading().nativeElement.focus();
  }

  protected resume(id: string): void {
    this.store.dispatch(WebhooksPageActions.resumeClicked({ id }));
  }

  protected confirmDelete(): void {
    const webhook = this.deleting();
    this.deleting.set(null);
    if (webhook) this.store.dispatch(WebhooksPageActions.deleteConfirmed({ id: webhook.id }));
    this.endpointsHeading().nativeElement.focus();
  }

  protected toggleLog(id: string): void {
    if (this.openLog()?.webhookId === id) this.store.dispatch(WebhooksPageActions.deliveriesClosed());
    else this.refreshLog(id);
  }

  protected refreshLog(id: string): void {
    this.store.dispatch(WebhooksPageActions.deliveriesRequested({ id, cursor: null }));
  }

  protected moreDeliveries(id: string, cursor: string | null): void {
    if (cursor) this.store.dispatch(WebhooksPageActions.deliveriesRequested({ id, cursor }));
  }

  protected deleteLabel(url: string): string {
    return $localize`:@@admin.webhooks.deleteLabel:Delete ${url}:url:`;
  }

  protected deliveriesLabel(url: string): string {
    return $localize`:@@admin.webhooks.deliveriesTo:Deliveries to ${url}:url:`;
  }

  protected deleteDescription(): string {
    const url = this.deleting()?.url ?? '';
    return $localize`:@@admin.webhooks.deleteDescription:Nothing more is sent to ${url}:url:, and its pending deliveries are dropped.`;
  }

  protected ago(iso: string | null): string {
    return iso ? timeAgo(iso, this.now(), this.locale) : '';
  }
}
