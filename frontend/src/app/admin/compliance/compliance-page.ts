import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { LegalHoldView } from '@contracts/compliance';
import { Store } from '@ngrx/store';

import { ConfirmDialog } from '../../shared/ui/confirm-dialog';
import { FormAlert } from '../../shared/ui/form-alert';
import { AdminNav } from '../components/admin-nav';
import { CompliancePageActions } from './compliance-actions';
import type { ExportRequest, NewHold } from './compliance-api';
import { complianceFeature } from './compliance-feature';
import { ExportForm } from './components/export-form';
import { HoldForm } from './components/hold-form';
import { HoldsList } from './components/holds-list';

/** /admin/compliance: legal holds (place, see, release) and the compliance export. */
@Component({
  selector: 'app-compliance-page',
  imports: [AdminNav, ConfirmDialog, ExportForm, FormAlert, HoldForm, HoldsList],
  templateUrl: './compliance-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompliancePage {
  private readonly store = inject(Store);
  protected readonly state = this.store.selectSignal(complianceFeature.selectComplianceState);
  protected readonly pendingRelease = signal<LegalHoldView | null>(null);
  protected readonly status = computed(() => {
    const { loading, error, holds } = this.state();
    if (loading && !holds.length) return $localize`:@@admin.hold.loading:Loading holds…`;
    if (error) return '';
    if (!holds.length) return $localize`:@@admin.hold.none:No legal holds.`;
    return holds.length === 1
      ? $localize`:@@admin.hold.one:1 hold.`
      : $localize`:@@admin.hold.count:${holds.length}:count: holds.`;
  });
  protected readonly releaseSucceeded = computed(() => {
    const last = this.state().released;
    return last && !last.error
      ? $localize`:@@admin.hold.released:Released the hold on ${last.hold.label}:label:.`
      : null;
  });
  protected readonly releaseFailed = computed(() => {
    const last = this.state().released;
    return last?.error
      ? $localize`:@@admin.hold.releaseFailed:Could not release the hold on ${last.hold.label}:label:: ${last.error.message}:reason:`
      : null;
  });
  protected readonly releaseHeading = computed(
    () => $localize`:@@admin.hold.releaseHeading:Release the hold on ${this.pendingRelease()?.label ?? ''}:label:?`,
  );

  constructor() {
    this.store.dispatch(CompliancePageActions.opened());
  }

  protected place(hold: NewHold): void {
    this.store.dispatch(CompliancePageActions.holdSubmitted({ hold }));
  }

  protected runExport(request: ExportRequest): void {
    this.store.dispatch(CompliancePageActions.exportSubmitted({ request }));
  }

  protected confirmRelease(): void {
    const hold = this.pendingRelease();
    this.pendingRelease.set(null);
    if (hold) this.store.dispatch(CompliancePageActions.releaseConfirmed({ hold }));
  }
}
