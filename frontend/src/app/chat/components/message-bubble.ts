import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MAX_TEXT_LENGTH } from '@contracts/messages';
import { cva } from 'class-variance-authority';

import { Button } from '../../shared/ui/button';
import { Icon } from '../../shared/ui/icon';
import { timeLabel } from '../chat-format';
import type { ChatMessage, MessageIntent } from '../chat-models';
import { MediaLightbox } from './media-lightbox';
import { MessageText } from './message-text';

const bubble = cva('min-w-0 rounded-2xl px-3.5 py-2 text-[0.9375rem] leading-snug break-words', {
  variants: {
    tone: {
      mine: 'bg-indigo-600 text-white dark:bg-indigo-500',
      theirs: 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100',
      deleted:
        'border border-dashed border-zinc-300 bg-transparent text-zinc-500 italic dark:border-zinc-700 dark:text-zinc-400',
    },
    state: { sent: '', pending: 'opacity-70', failed: 'ring-2 ring-red-500' },
  },
});

/** Pictures and videos are drawn at most this tall (Tailwind's max-h-72). */
const MEDIA_MAX_HEIGHT_PX = 288;

let nextId = 0;

/**
 * One message: its text (or the deleted marker), a picture (opens full size in a lightbox) or video with the text as
 * caption, upload progress, "edited", pending and failed states with Retry and Remove, and for my own
 * messages edit in place (Enter saves, Escape cancels) and delete after a confirmation.
 */
@Component({
  selector: 'app-message-bubble',
  imports: [Button, Icon, MediaLightbox, MessageText],
  template: `
    @let m = message();
    <div class="group flex flex-col" [class.items-end]="mine()" [class.items-start]="!mine()">
      @if (editing()) {
        <form class="w-full max-w-md" (submit)="saveEdit($event)">
          <label [for]="id + '-edit'" class="sr-only">Edit message</label>
          <textarea
            #editor
            [id]="id + '-edit'"
            rows="2"
            [maxLength]="maxLength"
            class="block max-h-60 min-h-16 w-full resize-none rounded-xl border border-indigo-400 bg-white px-3 py-2 text-sm text-zinc-900 [field-sizing:content] focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500/40 dark:bg-zinc-900 dark:text-zinc-100"
            [value]="draft()"
            (input)="draft.set(editor.value)"
            (keydown)="onEditKeydown($event)"
          ></textarea>
          <div class="mt-1.5 flex items-center justify-end gap-2">
            <span class="mr-auto text-xs text-zinc-500 dark:text-zinc-400">Enter to save, Esc to cancel</span>
            <button appButton type="button" variant="ghost" size="sm" (click)="cancelEdit()">Cancel</button>
            <button appButton type="submit" size="sm" [disabled]="!draftValid()">Save</button>
          </div>
        </form>
      } @else {
        <div class="flex max-w-[85%] items-center gap-1 sm:max-w-[75%]" [class.flex-row-reverse]="mine()">
          <div [class]="bubbleClass()" data-testid="message-bubble">
            <span class="sr-only">{{ mine() ? 'You' : senderName() }}: </span>
            @if (m.deletedAt) {
              Message deleted
            } @else {
              @if (m.media; as media) {
                @if (media.kind === 'image') {
                  @if (m.status === 'sent') {
                    <button
                      #opener
                      type="button"
                      class="-mx-1.5 mb-1 block cursor-zoom-in rounded-xl focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
                      aria-label="Open photo full size"
                      (click)="lightbox.set(true)"
                    >
                      <img
                        [src]="media.thumbUrl ?? media.url"
                        [attr.width]="media.width ?? null"
                        [attr.height]="media.height ?? null"
                        [alt]="alt()"
                        loading="lazy"
                        class="block h-auto max-h-72 w-auto max-w-full rounded-xl object-contain"
                        [style]="mediaBox()"
                        data-testid="message-image"
                      />
                    </button>
                  } @else {
                    <img
                      [src]="media.thumbUrl ?? media.url"
                      [attr.width]="media.width ?? null"
                      [attr.height]="media.height ?? null"
                      [alt]="alt()"
                      class="-mx-1.5 mb-1 block h-auto max-h-72 w-auto max-w-full rounded-xl object-contain"
                      [style]="mediaBox()"
                      data-testid="message-image"
                    />
                  }
                } @else {
                  <video
                    [src]="media.url"
                    controls
                    preload="metadata"
                    [attr.width]="media.width ?? null"
                    [attr.height]="media.height ?? null"
                    [attr.aria-label]="'Video from ' + (mine() ? 'you' : senderName())"
                    class="-mx-1.5 mb-1 block h-auto max-h-72 max-w-full rounded-xl bg-black"
                    [style]="mediaBox()"
                    data-testid="message-video"
                  ></video>
                }
                @if (m.upload; as upload) {
                  @if (!upload.failed) {
                    <div
                      role="progressbar"
                      [attr.aria-label]="'Uploading ' + (media.kind === 'image' ? 'photo' : 'video')"
                      aria-valuemin="0"
                      aria-valuemax="100"
                      [attr.aria-valuenow]="percent()"
                      class="mb-1 h-1.5 w-full overflow-hidden rounded-full bg-black/15 dark:bg-white/15"
                      data-testid="upload-progress"
                    >
                      <div class="h-full rounded-full bg-current transition-[width]" [style.width.%]="percent()"></div>
                    </div>
                  }
                }
              } @else if (m.mediaRemoved) {
                <span
                  class="-mx-1.5 mb-1 block rounded-xl border border-dashed border-current/30 px-3 py-3 text-sm italic opacity-80"
                  data-testid="media-removed"
                  >Media removed</span
                >
              }
              <app-message-text [id]="id + '-text'" [text]="m.text ?? ''" />
              @if (m.editedAt) {
                <span class="text-xs whitespace-nowrap opacity-75">{{ ' (edited)' }}</span>
              }
            }
          </div>
          @if (canModify()) {
            <div
              class="flex shrink-0 opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100 pointer-coarse:opacity-100"
            >
              <button
                #editButton
                appButton
                type="button"
                variant="quiet"
                size="icon"
                class="size-8"
                aria-label="Edit message"
                [attr.aria-describedby]="id + '-text'"
                (click)="startEdit()"
              >
                <svg appIcon="edit" class="size-4"></svg>
              </button>
              <button
                appButton
                type="button"
                variant="quiet"
                size="icon"
                class="size-8"
                aria-label="Delete message"
                [attr.aria-describedby]="id + '-text'"
                (click)="askDelete()"
              >
                <svg appIcon="delete" class="size-4"></svg>
              </button>
            </div>
          }
        </div>
        @if (confirmingDelete()) {
          <div
            role="group"
            aria-label="Delete this message?"
            class="mt-1 flex items-center gap-2 text-sm"
            (keydown.escape)="cancelDelete()"
          >
            <span class="text-zinc-700 dark:text-zinc-300">Delete this message?</span>
            <button #confirmButton appButton type="button" variant="danger" size="sm" (click)="confirmDelete()">
              Delete
            </button>
            <button appButton type="button" variant="ghost" size="sm" (click)="cancelDelete()">Cancel</button>
          </div>
        }
      }
      @if (m.status === 'pending') {
        <span class="mt-0.5 px-1 text-xs text-zinc-500 dark:text-zinc-400">Sending…</span>
      } @else if (m.status === 'failed') {
        <span class="mt-0.5 flex flex-wrap items-center gap-2 px-1 text-xs text-red-700 dark:text-red-400">
          @if (m.upload?.failed) {
            <span role="alert">Upload failed: {{ m.error }}</span>
          } @else {
            <span [title]="m.error ?? ''">Not sent</span>
          }
          <button
            type="button"
            class="cursor-pointer rounded font-semibold underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-500"
            (click)="intent.emit({ kind: 'retry', message: m })"
          >
            Retry
          </button>
          <button
            type="button"
            class="cursor-pointer rounded font-semibold underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-500"
            (click)="intent.emit({ kind: 'discard', message: m })"
          >
            Remove
          </button>
        </span>
      } @else if (last() || receipt()) {
        <span class="mt-0.5 flex gap-2 px-1 text-xs text-zinc-500 dark:text-zinc-400">
          @if (last()) {
            <time [attr.datetime]="m.createdAt">{{ time() }}</time>
          }
          @if (receipt(); as receipt) {
            <span data-testid="receipt">{{ receipt }}</span>
          }
        </span>
      }
    </div>
    @if (lightbox() && message().media; as media) {
      <app-media-lightbox
        [src]="media.url"
        [alt]="alt()"
        [caption]="message().text"
        [width]="media.width"
        [height]="media.height"
        (closed)="closeLightbox()"
      />
    }
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageBubble {
  readonly message = input.required<ChatMessage>();
  readonly mine = input(false);
  readonly senderName = input('');
  /** Last of a group: shows the time. */
  readonly last = input(true);
  /** "Delivered" or "Seen" under my last message. */
  readonly receipt = input<string | null>(null);
  /** Retry, Remove (unsent), a saved edit or a confirmed delete. */
  readonly intent = output<MessageIntent>();

  protected readonly id = `message-${nextId++}`;
  protected readonly maxLength = MAX_TEXT_LENGTH;
  protected readonly editing = signal(false);
  protected readonly confirmingDelete = signal(false);
  protected readonly lightbox = signal(false);
  protected readonly percent = computed(() => Math.round((this.message().upload?.progress ?? 0) * 100));
  protected readonly alt = computed(() => `Photo from ${this.mine() ? 'you' : this.senderName() || 'them'}`);
  protected readonly draft = signal('');
  protected readonly draftValid = computed(() => {
    const text = this.draft().trim();
    return text.length > 0 && text.length <= MAX_TEXT_LENGTH;
  });
  protected readonly canModify = computed(() => {
    const m = this.message();
    return this.mine() && m.status === 'sent' && !m.deletedAt;
  });
  protected readonly time = computed(() => timeLabel(this.message().createdAt));
  /**
   * The size a picture or video will take, known from the message before the file loads: the list can keep the
   * newest message in view instead of showing a sliver that grows later.
   */
  protected readonly mediaBox = computed(() => {
    const { width, height } = this.message().media ?? {};
    if (!width || !height) return null;
    const shown = Math.min(width, (MEDIA_MAX_HEIGHT_PX * width) / height);
    return { width: `${Math.round(shown)}px`, 'aspect-ratio': `${width} / ${height}` };
  });
  protected readonly bubbleClass = computed(() => {
    const m = this.message();
    return bubble({ tone: m.deletedAt ? 'deleted' : this.mine() ? 'mine' : 'theirs', state: m.status });
  });

  private readonly injector = inject(Injector);
  private readonly editor = viewChild<ElementRef<HTMLTextAreaElement>>('editor');
  private readonly editButton = viewChild<string, ElementRef<HTMLButtonElement>>('editButton', { read: ElementRef });
  private readonly opener = viewChild<ElementRef<HTMLButtonElement>>('opener');
  private readonly confirmButton = viewChild<string, ElementRef<HTMLButtonElement>>('confirmButton', {
    read: ElementRef,
  });

  protected startEdit(): void {
    this.confirmingDelete.set(false);
    this.draft.set(this.message().text ?? '');
    this.editing.set(true);
    this.afterRender(() => {
      const editor = this.editor()?.nativeElement;
      editor?.focus();
      editor?.setSelectionRange(editor.value.length, editor.value.length);
    });
  }

  protected cancelEdit(): void {
    this.editing.set(false);
    this.afterRender(() => this.editButton()?.nativeElement.focus());
  }

  protected saveEdit(event?: Event): void {
    event?.preventDefault();
    if (!this.draftValid()) return;
    const text = this.draft().trim();
    if (text !== this.message().text) this.intent.emit({ kind: 'edit', message: this.message(), text });
    this.cancelEdit();
  }

  protected onEditKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.cancelEdit();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.saveEdit();
    }
  }

  protected askDelete(): void {
    this.confirmingDelete.set(true);
    this.afterRender(() => this.confirmButton()?.nativeElement.focus());
  }

  protected confirmDelete(): void {
    this.confirmingDelete.set(false);
    this.intent.emit({ kind: 'remove', message: this.message() });
  }

  protected cancelDelete(): void {
    this.confirmingDelete.set(false);
    this.afterRender(() => this.editButton()?.nativeElement.focus());
  }

  protected closeLightbox(): void {
    this.lightbox.set(false);
    this.afterRender(() => this.opener()?.nativeElement.focus());
  }

  private afterRender(callback: () => void): void {
    afterNextRender(callback, { injector: this.injector });
  }
}
