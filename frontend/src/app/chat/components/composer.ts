import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  type ElementRef,
  inject,
  input,
  LOCALE_ID,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MAX_TEXT_LENGTH } from '@contracts/messages';

import { Button } from '../../shared/ui/button';
import { Icon } from '../../shared/ui/icon';
import { ACCEPTED_MEDIA, attachmentProblem, fileSize, measure, toAttachment } from '../attachment';
import type { ComposedMessage, OutgoingAttachment } from '../chat-models';
import type { ReplyBlock } from '../state/chat-selectors';
import { VoiceRecorder } from './voice-recorder';

/** The counter shows up this close to the limit. */
const COUNTER_FROM = MAX_TEXT_LENGTH - 500;

/**
 * The message box: Enter sends, Shift+Enter starts a new line, 4,000 characters at most. Starts from the
 * conversation's draft and reports every change of the text, so the draft outlives the page. A file (attach button,
 * paste, or dropped on the message window through `attach()`) is previewed above the box and sent with the text as
 * its caption; the microphone records a voice message. When nobody can write here (`blocked`), it says why and takes no input.
 */
@Component({
  selector: 'app-composer',
  imports: [Button, Icon, VoiceRecorder],
  template: `
    @if (attachment(); as attachment) {
      <div
        class="mb-2 flex items-center gap-3 rounded-xl border border-zinc-200 bg-zinc-50 p-2 dark:border-zinc-700 dark:bg-zinc-800/60"
        role="group"
        aria-label="Attachment"
        i18n-aria-label="@@chat.composer.attachment"
        data-testid="attachment-preview"
      >
        @if (attachment.kind === 'image') {
          <img
            [src]="attachment.previewUrl"
            alt="Picture to send"
            i18n-alt="@@chat.composer.pictureToSend"
            class="size-16 shrink-0 rounded-lg object-cover"
          />
        } @else if (attachment.kind === 'file' || attachment.kind === 'audio') {
          <span class="flex size-16 shrink-0 items-center justify-center rounded-lg bg-zinc-200 dark:bg-zinc-700">
            <svg appIcon="document" class="size-8 text-zinc-600 dark:text-zinc-300"></svg>
          </span>
        } @else {
          <video
            [src]="attachment.previewUrl"
            preload="metadata"
            muted
            aria-label="Video to send"
            i18n-aria-label="@@chat.composer.videoToSend"
            class="size-16 shrink-0 rounded-lg bg-black object-cover"
          ></video>
        }
        <div class="min-w-0 flex-1 text-sm">
          <p class="truncate font-medium text-zinc-900 dark:text-zinc-100">{{ attachment.file.name }}</p>
          @if (attachment.kind === 'image') {
            <p class="text-xs text-zinc-500 dark:text-zinc-400" i18n="@@chat.composer.pictureDetails">
              Picture, {{ size() }} · the text becomes its caption
            </p>
          } @else if (attachment.kind === 'video') {
            <p class="text-xs text-zinc-500 dark:text-zinc-400" i18n="@@chat.composer.videoDetails">
              Video, {{ size() }} · the text becomes its caption
            </p>
          } @else {
            <p class="text-xs text-zinc-500 dark:text-zinc-400" i18n="@@chat.files.details">
              File, {{ size() }} · the text is sent with it
            </p>
          }
        </div>
        <button
          appButton
          type="button"
          variant="quiet"
          size="icon"
          aria-label="Remove attachment"
          i18n-aria-label="@@chat.composer.removeAttachment"
          (click)="removeAttachment()"
        >
          <svg appIcon="close" class="size-5"></svg>
        </button>
      </div>
    }
    @if (blocked(); as reason) {
      <p
        id="composer-blocked"
        class="mb-2 rounded-xl bg-zinc-100 px-4 py-3 text-sm text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200"
        data-testid="reply-blocked"
      >
        @switch (reason) {
          @case ('blocked') {
            <ng-container i18n="@@chat.composer.blockedByMe"
              >You blocked {{ recipient() }}. Unblock them under Friends to write again; the history stays
              here.</ng-container
            >
          }
          @case ('notFriends') {
            <ng-container i18n="@@chat.composer.notFriends"
              >You and {{ recipient() }} are not friends any more, so you can't send messages here. The history stays
              readable.</ng-container
            >
          }
          @default {
            <ng-container i18n="@@chat.composer.unavailable"
              >{{ recipient() }} can't receive your messages. The history stays readable.</ng-container
            >
          }
        }
      </p>
    }
    @if (problem()) {
      <p role="alert" class="mb-2 text-sm text-red-700 dark:text-red-400">{{ problem() }}</p>
    }
    <form class="flex items-end gap-2" (submit)="submit($event)">
      <input
        #file
        type="file"
        class="hidden"
        tabindex="-1"
        aria-hidden="true"
        [accept]="accepted"
        (change)="picked(file)"
      />
      <button
        appButton
        type="button"
        variant="quiet"
        size="icon"
        aria-label="Attach a file"
        i18n-aria-label="@@chat.files.attach"
        title="Attach a file"
        i18n-title="@@chat.files.attach"
        [disabled]="!!blocked()"
        [hidden]="recorder.state() === 'recording'"
        (click)="file.click()"
      >
        <svg appIcon="attach" class="size-5"></svg>
      </button>
      <app-voice-recorder
        #recorder
        [disabled]="!!blocked()"
        (recorded)="sendRecording($event)"
        (problem)="problem.set($event)"
      />
      <label for="composer" class="sr-only" i18n="@@chat.composer.label">Message {{ recipient() }}</label>
      <textarea
        #box
        id="composer"
        [hidden]="recorder.state() === 'recording'"
        aria-keyshortcuts="Alt+M"
        rows="1"
        [maxLength]="maxLength"
        [placeholder]="attachment() ? captionPlaceholder : messagePlaceholder"
        autocomplete="off"
        [disabled]="!!blocked()"
        [attr.aria-describedby]="blocked() ? 'composer-blocked' : showCounter() ? 'composer-counter' : null"
        class="block max-h-40 min-h-10 flex-1 resize-none rounded-2xl border border-zinc-300 bg-white px-3.5 py-2 text-sm text-zinc-900 [field-sizing:content] placeholder:text-zinc-400 focus:outline-none focus-visible:border-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500/30 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500 disabled:cursor-not-allowed disabled:opacity-60"
        [value]="text()"
        (input)="onInput(box.value)"
        (keydown)="onKeydown($event)"
        (paste)="onPaste($event)"
      ></textarea>
      <button
        appButton
        type="submit"
        size="icon"
        aria-label="Send message"
        i18n-aria-label="@@chat.composer.send"
        [hidden]="recorder.state() === 'recording'"
        [disabled]="!canSend()"
      >
        <svg appIcon="send" class="size-5"></svg>
      </button>
    </form>
    @if (showCounter()) {
      <p
        id="composer-counter"
        class="mt-1 pr-12 text-right text-xs"
        [class]="length() >= maxLength ? 'text-red-600 dark:text-red-400' : 'text-zinc-500 dark:text-zinc-400'"
        i18n="@@chat.composer.counter"
      >
        {{ length() }} / {{ maxLength }} characters
      </p>
    }
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Composer {
  readonly conversationId = input.required<string>();
  /** Who the message goes to, for the field's label. */
  readonly recipient = input('');
  /** The unsent text kept for this conversation, shown when it is opened. */
  readonly draft = input('');
  /** Why nobody can write here; null when they can. */
  readonly blocked = input<ReplyBlock | null>(null);
  /** The text, or a picture or video with its caption (possibly empty); the preview URL now belongs to the message. */
  readonly send = output<ComposedMessage>();
  /** A keystroke that left some text: the page turns these into throttled typing events. */
  readonly typed = output<void>();
  /** The text now in the box, to keep as the conversation's draft. */
  readonly draftChanged = output<string>();
  /** Escape in the box (the page drops the quote of a reply being written). */
  readonly escaped = output<void>();

  protected readonly maxLength = MAX_TEXT_LENGTH;
  protected readonly text = signal('');
  protected readonly length = computed(() => this.text().length);
  protected readonly showCounter = computed(() => this.length() >= COUNTER_FROM);
  protected readonly accepted = ACCEPTED_MEDIA;
  protected readonly messagePlaceholder = $localize`:@@chat.composer.placeholder:Write a message…`;
  protected readonly captionPlaceholder = $localize`:@@chat.composer.captionPlaceholder:Add a caption…`;
  protected readonly attachment = signal<OutgoingAttachment | null>(null);
  protected readonly problem = signal<string | null>(null);
  private readonly locale = inject(LOCALE_ID);
  protected readonly size = computed(() => fileSize(this.attachment()?.file.size ?? 0, this.locale));
  protected readonly canSend = computed(() => {
    const length = this.text().trim().length;
    return !this.blocked() && (length > 0 || !!this.attachment()) && length <= MAX_TEXT_LENGTH;
  });
  private readonly box = viewChild.required<ElementRef<HTMLTextAreaElement>>('box');
  private readonly recorder = viewChild(VoiceRecorder);

  constructor() {
    effect(() => {
      this.conversationId();
      untracked(() => {
        this.text.set(this.draft());
        this.removeAttachment();
        this.recorder()?.cancel();
      });
    });
    inject(DestroyRef).onDestroy(() => this.removeAttachment());
  }

  /** A finished voice message leaves at once, on its own; the text in the box stays. */
  protected sendRecording(file: File): void {
    this.send.emit({ text: '', attachment: toAttachment(file) });
  }

  /** Previews a file to send; replaces the one picked before. */
  attach(file: File): void {
    if (this.blocked()) return;
    const problem = attachmentProblem(file);
    this.problem.set(problem);
    if (problem) return;
    this.removeAttachment();
    const attachment = toAttachment(file);
    this.attachment.set(attachment);
    void measure(attachment).then((size) => {
      if (size && this.attachment() === attachment) this.attachment.set({ ...attachment, ...size });
    });
    this.focus();
  }

  protected removeAttachment(): void {
    const attachment = this.attachment();
    if (attachment) URL.revokeObjectURL(attachment.previewUrl);
    this.attachment.set(null);
    this.problem.set(null);
  }

  protected picked(input: HTMLInputElement): void {
    const file = input.files?.[0];
    // Picking the same file again must fire another change.
    input.value = '';
    if (file) this.attach(file);
  }

  /** A picture on the clipboard is attached; text pastes as usual. */
  protected onPaste(event: ClipboardEvent): void {
    const file = [...(event.clipboardData?.files ?? [])][0];
    if (!file) return;
    event.preventDefault();
    this.attach(file);
  }

  focus(): void {
    this.box().nativeElement.focus();
  }

  protected onInput(value: string): void {
    this.text.set(value);
    this.draftChanged.emit(value);
    if (value.trim()) this.typed.emit();
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    } else if (event.key === 'Escape' && !event.isComposing) {
      this.escaped.emit();
    }
  }

  protected submit(event?: Event): void {
    event?.preventDefault();
    if (!this.canSend()) return;
    const attachment = this.attachment();
    const text = this.text().trim();
    this.send.emit(attachment ? { text, attachment } : { text });
    this.attachment.set(null);
    this.text.set('');
    this.box().nativeElement.value = '';
    this.focus();
  }
}
