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

import { Avatar } from './avatar';
import { Button } from './button';
import { FormAlert } from './form-alert';

/** The server crops to a square and accepts pictures up to 10 MB (it decides; this spares a pointless upload). */
const MAX_BYTES = 10 * 1024 * 1024;

/**
 * A picture (or the initials of `name`) with buttons to choose another or remove it, and the upload's progress. A
 * chosen file is checked for type and size first. With `confirm`, it is previewed with Save and Cancel before it is
 * handed on (the preview stays until the upload is done, or until it fails and is cancelled); without, it is handed
 * on at once.
 */
@Component({
  selector: 'app-picture-editor',
  imports: [Avatar, Button, FormAlert],
  template: `
    <div class="flex flex-wrap items-center gap-4">
      <app-avatar
        [name]="name() || '?'"
        [src]="preview()?.url ?? src()"
        [group]="group()"
        size="lg"
        data-testid="picture-editor-picture"
      />
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
          @if (preview(); as preview) {
            <p class="truncate text-sm text-zinc-700 dark:text-zinc-300" i18n="@@picture.preview">
              Preview of <span class="font-medium">{{ preview.file.name }}</span>
            </p>
            <div class="flex flex-wrap gap-2">
              <button appButton type="button" size="sm" [pending]="busy()" (click)="save()" i18n="@@picture.save">
                Save picture
              </button>
              <button
                appButton
                type="button"
                variant="ghost"
                size="sm"
                [disabled]="busy()"
                (click)="cancel()"
                i18n="@@picture.cancel"
              >
                Cancel
              </button>
            </div>
          } @else {
            <div class="flex flex-wrap gap-2">
              <button
                appButton
                type="button"
                variant="secondary"
                size="sm"
                [pending]="busy() && !confirm()"
                [disabled]="busy()"
                (click)="file.click()"
              >
                @if (src()) {
                  <ng-container i18n="@@picture.change">Change picture</ng-container>
                } @else {
                  <ng-container i18n="@@picture.add">Add a picture</ng-container>
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
                  i18n="@@picture.remove"
                >
                  Remove picture
                </button>
              }
            </div>
          }
          @if (progress() !== null) {
            <div
              role="progressbar"
              aria-label="Uploading the picture"
              i18n-aria-label="@@picture.uploading"
              aria-valuemin="0"
              aria-valuemax="100"
              [attr.aria-valuenow]="percent()"
              class="h-1.5 w-full max-w-xs overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
            >
              <div class="h-full rounded-full bg-indigo-600 transition-[width]" [style.width.%]="percent()"></div>
            </div>
          }
          <p class="text-xs text-zinc-500 dark:text-zinc-400" i18n="@@picture.rules">
            JPEG, PNG, WebP or GIF, up to 10 MB; shown as a square.
          </p>
        </div>
      }
    </div>
    @if (editable()) {
      <app-form-alert class="mt-3" [message]="problem() ?? error() ?? null" />
    }
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PictureEditor {
  /** Whose picture: the initials when there is none. */
  readonly name = input.required<string>();
  readonly src = input<string | null | undefined>(null);
  /** A group's picture (its placeholder shows a group). */
  readonly group = input(false);
  readonly editable = input(true);
  /** Preview a chosen picture with Save and Cancel before handing it on. */
  readonly confirm = input(false);
  readonly busy = input(false);
  /** 0..1 while uploading. */
  readonly progress = input<number | null>(null);
  readonly error = input<string | null | undefined>(null);
  readonly picked = output<File>();
  readonly removed = output<void>();

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

  protected pick(input: HTMLInputElement): void {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.problem.set(null);
    if (file.type && !file.type.startsWith('image/')) {
      this.problem.set($localize`:@@picture.wrongType:Choose a picture (JPEG, PNG, WebP or GIF).`);
    } else if (file.size > MAX_BYTES) {
      this.problem.set($localize`:@@picture.tooLarge:Pictures can be at most 10 MB.`);
    } else if (this.confirm()) {
      this.clearPreview();
      this.preview.set({ file, url: URL.createObjectURL(file) });
    } else {
      this.picked.emit(file);
    }
  }

  protected save(): void {
    const preview = this.preview();
    if (preview) this.picked.emit(preview.file);
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
