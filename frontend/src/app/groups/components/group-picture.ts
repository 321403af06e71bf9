import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';

import { Avatar } from '../../shared/ui/avatar';
import { Button } from '../../shared/ui/button';

/** The server crops to a square and accepts pictures up to 10 MB (it decides; this spares a pointless upload). */
const MAX_BYTES = 10 * 1024 * 1024;

/**
 * A group's picture (or the initials of its name) with buttons to choose another or remove it, and the upload's
 * progress. A chosen file is checked for type and size before it is handed on.
 */
@Component({
  selector: 'app-group-picture',
  imports: [Avatar, Button],
  template: `
    <div class="flex flex-wrap items-center gap-4">
      <app-avatar [name]="name() || '?'" [src]="src()" [group]="true" size="lg" data-testid="group-picture" />
      @if (editable()) {
        <div class="min-w-0 flex-1 space-y-2">
          <input
            #file
            type="file"
            class="hidden"
            tabindex="-1"
            aria-hidden="true"
            accept="image/jpeg,image/png,image/webp,image/gif"
            (change)="pick(file)"
          />
          <div class="flex flex-wrap gap-2">
            <button
              appButton
              type="button"
              variant="secondary"
              size="sm"
              [pending]="busy()"
              [disabled]="busy()"
              (click)="file.click()"
            >
              @if (src()) {
                <ng-container i18n="@@groups.picture.change">Change picture</ng-container>
              } @else {
                <ng-container i18n="@@groups.picture.add">Add a picture</ng-container>
              }
            </button>
            @if (src()) {
              <button
                appButton
                type="button"
                variant="ghost"
                size="sm"
                [disabled]="busy()"
                (click)="problem.set(null); removed.emit()"
                i18n="@@groups.picture.remove"
              >
                Remove picture
              </button>
            }
          </div>
          @if (progress() !== null) {
            <div
              role="progressbar"
              aria-label="Uploading the group picture"
              i18n-aria-label="@@groups.picture.uploading"
              aria-valuemin="0"
              aria-valuemax="100"
              [attr.aria-valuenow]="percent()"
              class="h-1.5 w-full max-w-xs overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
            >
              <div class="h-full rounded-full bg-indigo-600 transition-[width]" [style.width.%]="percent()"></div>
            </div>
          }
          <p class="text-xs text-zinc-500 dark:text-zinc-400" i18n="@@groups.picture.rules">
            JPEG, PNG, WebP or GIF, up to 10 MB; shown as a square.
          </p>
          <div role="alert">
            @if (problem() ?? error(); as message) {
              <p class="text-sm text-red-600 dark:text-red-400">{{ message }}</p>
            }
          </div>
        </div>
      }
    </div>
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GroupPicture {
  /** The group's name, for the initials when it has no picture. */
  readonly name = input.required<string>();
  readonly src = input<string | null | undefined>(null);
  readonly editable = input(false);
  readonly busy = input(false);
  /** 0..1 while uploading. */
  readonly progress = input<number | null>(null);
  readonly error = input<string | null>(null);
  readonly picked = output<File>();
  readonly removed = output<void>();

  protected readonly problem = signal<string | null>(null);
  protected readonly percent = computed(() => Math.round((this.progress() ?? 0) * 100));

  protected pick(input: HTMLInputElement): void {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.problem.set(null);
    if (file.type && !file.type.startsWith('image/')) {
      this.problem.set($localize`:@@groups.picture.wrongType:Choose a picture (JPEG, PNG, WebP or GIF).`);
    } else if (file.size > MAX_BYTES) {
      this.problem.set($localize`:@@groups.picture.tooLarge:Pictures can be at most 10 MB.`);
    } else {
      this.picked.emit(file);
    }
  }
}
