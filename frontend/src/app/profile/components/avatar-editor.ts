import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';

import type { ApiError } from '../../core/api/api-error';
import { Avatar } from '../../shared/ui/avatar';
import { Button } from '../../shared/ui/button';
import { FormAlert } from '../../shared/ui/form-alert';

/** The server crops to a square and accepts pictures up to 10 MB (it decides; this spares a pointless upload). */
const MAX_BYTES = 10 * 1024 * 1024;

/**
 * Change or remove the profile picture: a picked file is previewed first, then uploaded with a progress bar; the
 * preview stays until the upload is done, or until it fails (with the server's message) and is cancelled.
 */
@Component({
  selector: 'app-avatar-editor',
  imports: [Avatar, Button, FormAlert],
  template: `
    <div class="flex flex-wrap items-center gap-4">
      <app-avatar [name]="name()" [src]="preview()?.url ?? avatarUrl()" size="lg" data-testid="avatar-editor-picture" />
      <div class="min-w-0 flex-1 space-y-2">
        <input
          #file
          type="file"
          class="hidden"
          tabindex="-1"
          aria-hidden="true"
          accept="image/jpeg,image/png,image/webp,image/gif"
          (change)="picked(file)"
        />
        @if (preview(); as preview) {
          <p class="truncate text-sm text-zinc-700 dark:text-zinc-300" i18n="@@profile.avatar.preview">
            Preview of <span class="font-medium">{{ preview.file.name }}</span>
          </p>
          <div class="flex flex-wrap gap-2">
            <button appButton type="button" size="sm" [pending]="busy()" (click)="save()" i18n="@@profile.avatar.save">
              Save picture
            </button>
            <button
              appButton
              type="button"
              variant="ghost"
              size="sm"
              [disabled]="busy()"
              (click)="cancel()"
              i18n="@@profile.avatar.cancel"
            >
              Cancel
            </button>
          </div>
        } @else {
          <div class="flex flex-wrap gap-2">
            <button appButton type="button" variant="secondary" size="sm" [disabled]="busy()" (click)="file.click()">
              @if (avatarUrl()) {
                <ng-container i18n="@@profile.avatar.change">Change picture</ng-container>
              } @else {
                <ng-container i18n="@@profile.avatar.add">Add a picture</ng-container>
              }
            </button>
            @if (avatarUrl()) {
              <button
                appButton
                type="button"
                variant="ghost"
                size="sm"
                [pending]="busy()"
                (click)="remove.emit()"
                i18n="@@profile.avatar.remove"
              >
                Remove picture
              </button>
            }
          </div>
        }
        @if (progress() !== null) {
          <div
            role="progressbar"
            aria-label="Uploading profile picture"
            i18n-aria-label="@@profile.avatar.uploading"
            aria-valuemin="0"
            aria-valuemax="100"
            [attr.aria-valuenow]="percent()"
            class="h-1.5 w-full max-w-xs overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
          >
            <div class="h-full rounded-full bg-indigo-600 transition-[width]" [style.width.%]="percent()"></div>
          </div>
        }
        <p class="text-xs text-zinc-500 dark:text-zinc-400" i18n="@@profile.avatar.rules">
          JPEG, PNG, WebP or GIF, up to 10 MB; shown as a square.
        </p>
      </div>
    </div>
    <app-form-alert class="mt-3" [message]="problem() ?? error()?.message ?? null" />
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AvatarEditor {
  readonly name = input.required<string>();
  readonly avatarUrl = input<string | null>(null);
  readonly busy = input(false);
  /** 0..1 while uploading. */
  readonly progress = input<number | null>(null);
  readonly error = input<ApiError | null>(null);
  readonly upload = output<File>();
  readonly remove = output<void>();

  protected readonly preview = signal<{ file: File; url: string } | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly percent = computed(() => Math.round((this.progress() ?? 0) * 100));

  constructor() {
    // The upload is over: on success the new picture replaces the preview; on failure the preview stays for Cancel.
    let wasBusy = false;
    effect(() => {
      const busy = this.busy();
      const failed = !!this.error();
      untracked(() => {
        if (wasBusy && !busy && !failed) this.clearPreview();
        wasBusy = busy;
      });
    });
    inject(DestroyRef).onDestroy(() => this.clearPreview());
  }

  protected picked(input: HTMLInputElement): void {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.problem.set(null);
    if (file.type && !file.type.startsWith('image/')) {
      this.problem.set($localize`:@@profile.avatar.wrongType:Choose a picture (JPEG, PNG, WebP or GIF).`);
      return;
    }
    if (file.size > MAX_BYTES) {
      this.problem.set($localize`:@@profile.avatar.tooLarge:Pictures can be at most 10 MB.`);
      return;
    }
    this.clearPreview();
    this.preview.set({ file, url: URL.createObjectURL(file) });
  }

  protected save(): void {
    const preview = this.preview();
    if (preview) this.upload.emit(preview.file);
  }

  protected cancel(): void {
    this.clearPreview();
    this.problem.set(null);
  }

  private clearPreview(): void {
    const preview = this.preview();
    if (preview) URL.revokeObjectURL(preview.url);
    this.preview.set(null);
  }
}
