import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  LOCALE_ID,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MAX_TEXT_LENGTH } from '@contracts/messages';
import { cva } from 'class-variance-authority';

import { Button } from '../../shared/ui/button';
import { Icon } from '../../shared/ui/icon';
import { timeLabel } from '../chat-format';
import type { ChatMessage, MessageIntent, Receipt } from '../chat-models';
import { AudioPlayer } from './audio-player';
import { EditHistory } from './edit-history';
import { FileCard } from './file-card';
import { MediaLightbox } from './media-lightbox';
import { MessageText } from './message-text';
import { ReactionBar } from './reaction-bar';
import { ReplyQuote } from './reply-quote';

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

/** What a receipt says under my last message. */
function receiptLabel(receipt: Receipt): string {
  switch (receipt) {
    case 'sent':
      return $localize`:@@chat.message.receipt.sent:Sent`;
    case 'delivered':
      return $localize`:@@chat.message.receipt.delivered:Delivered`;
    case 'seen':
      return $localize`:@@chat.message.receipt.seen:Seen`;
  }
}

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
  imports: [AudioPlayer, Button, EditHistory, FileCard, Icon, MediaLightbox, MessageText, ReactionBar, ReplyQuote],
  template: `
    @let m = message();
    <div class="group flex flex-col" [class.items-end]="mine()" [class.items-start]="!mine()">
      @if (editing()) {
        <form class="w-full max-w-md" (submit)="saveEdit($event)">
          <label [for]="id + '-edit'" class="sr-only" i18n="@@chat.message.editLabel">Edit message</label>
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
            <span class="mr-auto text-xs text-zinc-500 dark:text-zinc-400" i18n="@@chat.message.editHint"
              >Enter to save, Esc to cancel</span
            >
            <button
              appButton
              type="button"
              variant="ghost"
              size="sm"
              (click)="cancelEdit()"
              i18n="@@chat.message.editCancel"
            >
              Cancel
            </button>
            <button appButton type="submit" size="sm" [disabled]="!draftValid()" i18n="@@chat.message.editSave">
              Save
            </button>
          </div>
        </form>
      } @else {
        <div class="flex max-w-[85%] items-center gap-1 sm:max-w-[75%]" [class.flex-row-reverse]="mine()">
          <div [class]="bubbleClass()" data-testid="message-bubble" (contextmenu)="onLongPress($event)">
            <span class="sr-only" i18n="@@chat.message.sender">{{ sender() }}: </span>
            @if (m.deletedAt) {
              <ng-container i18n="@@chat.message.deletedMarker">Message deleted</ng-container>
            } @else {
              @if (m.forwarded) {
                <span class="block text-xs italic opacity-75" i18n="@@chat.forward.marker">Forwarded</span>
              }
              @if (m.replyTo; as quote) {
                <app-reply-quote
                  [quote]="quote"
                  [senderName]="nameOf()(quote.senderId)"
                  (jump)="intent.emit({ kind: 'jump', message: m, to: $event })"
                />
              }
              @if (m.media; as media) {
                @if (media.kind === 'image') {
                  @if (m.status === 'sent') {
                    <button
                      #opener
                      type="button"
                      class="-mx-1.5 mb-1 block cursor-zoom-in rounded-xl focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
                      aria-label="Open photo full size"
                      i18n-aria-label="@@chat.message.openPhoto"
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
                } @else if (media.kind === 'file') {
                  <app-file-card [media]="media" />
                } @else if (media.kind === 'audio') {
                  <app-audio-player [src]="media.url" [mine]="mine()" [sender]="senderName()" />
                } @else {
                  <video
                    [src]="media.url"
                    controls
                    preload="metadata"
                    [attr.width]="media.width ?? null"
                    [attr.height]="media.height ?? null"
                    [attr.aria-label]="videoLabel()"
                    class="-mx-1.5 mb-1 block h-auto max-h-72 max-w-full rounded-xl bg-black"
                    [style]="mediaBox()"
                    data-testid="message-video"
                  ></video>
                }
                @if (m.upload; as upload) {
                  @if (!upload.failed) {
                    <div
                      role="progressbar"
                      [attr.aria-label]="uploadingLabel()"
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
                  i18n="@@chat.message.mediaRemoved"
                  >Media removed</span
                >
              }
              <app-message-text [id]="id + '-text'" [text]="m.text ?? ''" />
              @if (m.editedAt) {
                {{ ' '
                }}<button
                  #historyOpener
                  type="button"
                  class="cursor-pointer rounded text-xs whitespace-nowrap underline-offset-2 opacity-75 hover:underline focus-visible:outline-2 focus-visible:outline-current"
                  aria-haspopup="dialog"
                  i18n-title="@@chat.history.open"
                  title="Show edit history"
                  (click)="history.set(true)"
                >
                  <ng-container i18n="@@chat.message.edited">(edited)</ng-container>
                </button>
              }
            }
          </div>
          @if (hasMenu()) {
            <!-- Hidden until hovered or focused; on touch screens a long press on the message opens the menu. -->
            <div class="relative shrink-0" (focusout)="onMenuFocusOut($event)">
              <button
                #menuButton
                appButton
                type="button"
                variant="quiet"
                size="icon"
                class="size-8 opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100 focus-visible:opacity-100 aria-expanded:opacity-100"
                aria-haspopup="menu"
                [attr.aria-expanded]="menuOpen()"
                [attr.aria-controls]="menuOpen() ? id + '-menu' : null"
                aria-label="Message actions"
                i18n-aria-label="@@chat.message.actions"
                [attr.aria-describedby]="id + '-text'"
                (click)="toggleMenu()"
              >
                <svg appIcon="more" class="size-4"></svg>
              </button>
              @if (menuOpen()) {
                <!-- eslint-disable-next-line @angular-eslint/template/interactive-supports-focus -->
                <div
                  #menu
                  role="menu"
                  [id]="id + '-menu'"
                  aria-label="Message actions"
                  i18n-aria-label="@@chat.message.actionsMenu"
                  class="absolute top-full z-20 mt-1 flex w-44 flex-col rounded-xl bg-white p-1 shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-800 dark:ring-zinc-700"
                  [class]="mine() ? 'right-0' : 'left-0'"
                  (keydown)="onMenuKeydown($event)"
                >
                  @if (canRespond()) {
                    <button
                      type="button"
                      role="menuitem"
                      tabindex="-1"
                      aria-keyshortcuts="R"
                      [class]="menuItem"
                      (click)="act('reply')"
                    >
                      <span i18n="@@chat.reply.action">Reply</span>
                    </button>
                    <button
                      type="button"
                      role="menuitem"
                      tabindex="-1"
                      aria-haspopup="dialog"
                      [class]="menuItem"
                      (click)="startReacting()"
                    >
                      <span i18n="@@chat.reactions.action">React</span>
                    </button>
                    <button type="button" role="menuitem" tabindex="-1" [class]="menuItem" (click)="act('forward')">
                      <span i18n="@@chat.forward.action">Forward</span>
                    </button>
                  }
                  @if (canModify()) {
                    <button type="button" role="menuitem" tabindex="-1" [class]="menuItem" (click)="startEdit()">
                      <svg appIcon="edit" class="size-4"></svg>
                      <span i18n="@@chat.message.edit">Edit message</span>
                    </button>
                    <button type="button" role="menuitem" tabindex="-1" [class]="menuItem" (click)="askDelete()">
                      <svg appIcon="delete" class="size-4"></svg>
                      <span i18n="@@chat.message.delete">Delete message</span>
                    </button>
                  }
                  <button type="button" role="menuitem" tabindex="-1" [class]="menuItem" (click)="askDelete('me')">
                    <svg appIcon="delete" class="size-4"></svg>
                    <span i18n="@@chat.deleteForMe.action">Delete for me</span>
                  </button>
                </div>
              }
            </div>
          }
        </div>
        @if (canRespond()) {
          <app-reaction-bar
            [reactions]="m.reactions ?? []"
            [me]="me()"
            [nameOf]="nameOf()"
            (toggled)="intent.emit({ kind: 'react', message: m, emoji: $event.emoji, on: $event.on })"
          />
        }
        @if (confirmingDelete()) {
          <div
            role="group"
            aria-label="Delete this message?"
            i18n-aria-label="@@chat.message.confirmDeleteLabel"
            class="mt-1 flex items-center gap-2 text-sm"
            (keydown.escape)="cancelDelete()"
          >
            @if (confirmingDelete() === 'me') {
              <span class="text-zinc-700 dark:text-zinc-300" i18n="@@chat.deleteForMe.confirm"
                >Delete this message for you? Others still see it.</span
              >
            } @else {
              <span class="text-zinc-700 dark:text-zinc-300" i18n="@@chat.message.confirmDelete"
                >Delete this message?</span
              >
            }
            <button
              #confirmButton
              appButton
              type="button"
              variant="danger"
              size="sm"
              (click)="confirmDelete()"
              i18n="@@chat.message.confirmDeleteYes"
            >
              Delete
            </button>
            <button
              appButton
              type="button"
              variant="ghost"
              size="sm"
              (click)="cancelDelete()"
              i18n="@@chat.message.confirmDeleteCancel"
            >
              Cancel
            </button>
          </div>
        }
      }
      @if (m.status === 'pending') {
        <span class="mt-0.5 px-1 text-xs text-zinc-500 dark:text-zinc-400" i18n="@@chat.message.sending">Sending…</span>
      } @else if (m.status === 'failed') {
        <span class="mt-0.5 flex flex-wrap items-center gap-2 px-1 text-xs text-red-700 dark:text-red-400">
          @if (m.upload?.failed) {
            <span role="alert" i18n="@@chat.message.uploadFailed">Upload failed: {{ m.error }}</span>
          } @else if (m.permanent) {
            <span role="alert" i18n="@@chat.message.refused">Not sent: {{ m.error }}</span>
          } @else {
            <span [title]="m.error ?? ''" i18n="@@chat.message.notSentShort">Not sent</span>
          }
          @if (!m.permanent) {
            <button
              type="button"
              class="cursor-pointer rounded font-semibold underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-500"
              (click)="intent.emit({ kind: 'retry', message: m })"
              i18n="@@chat.message.retry"
            >
              Retry
            </button>
          }
          <button
            type="button"
            class="cursor-pointer rounded font-semibold underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-500"
            (click)="intent.emit({ kind: 'discard', message: m })"
            i18n="@@chat.message.remove"
          >
            Remove
          </button>
        </span>
      } @else if (last() || receiptText()) {
        <span class="mt-0.5 flex gap-2 px-1 text-xs text-zinc-500 dark:text-zinc-400">
          @if (last()) {
            <time [attr.datetime]="m.createdAt">{{ time() }}</time>
          }
          @if (receiptText(); as receipt) {
            <span data-testid="receipt">{{ receipt }}</span>
          }
        </span>
      }
    </div>
    @if (history()) {
      <app-edit-history [message]="message()" (closed)="closeHistory()" />
    }
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
  // The shortcut R (reply) works while focus is anywhere on the message; its menu item tells it.
  host: { class: 'block', '(keydown)': 'onMessageKeydown($event)' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageBubble {
  readonly message = input.required<ChatMessage>();
  readonly mine = input(false);
  readonly senderName = input('');
  /** Last of a group: shows the time. */
  readonly last = input(true);
  /** "Delivered" or "Seen" under my last message. */
  readonly receipt = input<Receipt | null>(null);
  /** My user id (whether a reaction is mine). */
  readonly me = input('');
  /** A person's name by id (a quote's sender, who reacted). */
  readonly nameOf = input<(id: string) => string>(() => '');
  /** Retry, Remove (unsent), a saved edit or a confirmed delete; reply, react, forward, jump to a quoted original. */
  readonly intent = output<MessageIntent>();

  protected readonly id = `message-${nextId++}`;
  protected readonly maxLength = MAX_TEXT_LENGTH;
  protected readonly editing = signal(false);
  /** Asking to delete for everyone, or (`'me'`) for me only. */
  protected readonly confirmingDelete = signal<false | 'everyone' | 'me'>(false);
  protected readonly history = signal(false);
  protected readonly lightbox = signal(false);
  protected readonly menuOpen = signal(false);
  protected readonly menuItem =
    'flex cursor-pointer items-center gap-2 rounded-lg px-3 py-2 text-left text-sm text-zinc-800 hover:bg-zinc-100 ' +
    'focus:bg-zinc-100 focus:outline-none dark:text-zinc-100 dark:hover:bg-zinc-700 dark:focus:bg-zinc-700';
  protected readonly percent = computed(() => Math.round((this.message().upload?.progress ?? 0) * 100));
  protected readonly sender = computed(() =>
    this.mine() ? $localize`:@@chat.message.senderMe:You` : this.senderName(),
  );
  protected readonly alt = computed(() => {
    const name = this.senderName();
    if (this.mine()) return $localize`:@@chat.message.photoFromMe:Photo from you`;
    return name
      ? $localize`:@@chat.message.photoFrom:Photo from ${name}:name:`
      : $localize`:@@chat.message.photo:Photo`;
  });
  protected readonly videoLabel = computed(() =>
    this.mine()
      ? $localize`:@@chat.message.videoFromMe:Video from you`
      : $localize`:@@chat.message.videoFrom:Video from ${this.senderName()}:name:`,
  );
  protected readonly uploadingLabel = computed(() => {
    const kind = this.message().media?.kind;
    if (kind === 'file' || kind === 'audio') return $localize`:@@chat.files.uploading:Uploading file`;
    return kind === 'video'
      ? $localize`:@@chat.message.uploadingVideo:Uploading video`
      : $localize`:@@chat.message.uploadingPhoto:Uploading photo`;
  });
  protected readonly receiptText = computed(() => {
    const receipt = this.receipt();
    return receipt ? receiptLabel(receipt) : null;
  });
  protected readonly draft = signal('');
  protected readonly draftValid = computed(() => {
    const text = this.draft().trim();
    return text.length > 0 && text.length <= MAX_TEXT_LENGTH;
  });
  protected readonly canModify = computed(() => {
    const m = this.message();
    return this.mine() && m.status === 'sent' && !m.deletedAt;
  });
  /** Anyone's stored message has the menu (delete for me); my own also edit and delete. */
  protected readonly hasMenu = computed(() => this.message().status === 'sent');
  /** Reply, react and forward apply to any stored message that still has content. */
  protected readonly canRespond = computed(() => {
    const m = this.message();
    return m.status === 'sent' && !m.deletedAt && m.kind !== 'system';
  });
  protected readonly time = computed(() => timeLabel(this.message().createdAt, this.locale));
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
  private readonly locale = inject(LOCALE_ID);
  private readonly editor = viewChild<ElementRef<HTMLTextAreaElement>>('editor');
  private readonly menuButton = viewChild<string, ElementRef<HTMLButtonElement>>('menuButton', { read: ElementRef });
  private readonly menu = viewChild<ElementRef<HTMLElement>>('menu');
  private readonly reactionBar = viewChild(ReactionBar);
  private readonly opener = viewChild<ElementRef<HTMLButtonElement>>('opener');
  private readonly historyOpener = viewChild<ElementRef<HTMLButtonElement>>('historyOpener');
  private readonly confirmButton = viewChild<string, ElementRef<HTMLButtonElement>>('confirmButton', {
    read: ElementRef,
  });

  protected toggleMenu(): void {
    if (this.menuOpen()) this.closeMenu();
    else this.openMenu();
  }

  /** A long press on a touch screen (the browser's context menu) opens the message's menu instead. */
  protected onLongPress(event: Event): void {
    if (!this.hasMenu() || !globalThis.matchMedia?.('(pointer: coarse)').matches) return;
    event.preventDefault();
    this.openMenu();
  }

  /** The WAI-ARIA menu button pattern: arrows move, Home/End jump, Escape closes back onto the button. */
  protected onMenuKeydown(event: KeyboardEvent): void {
    const items = [...(this.menu()?.nativeElement.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const at = items.indexOf(event.target as HTMLElement);
    const last = items.length - 1;
    const next: Record<string, number> = {
      ArrowDown: at >= last ? 0 : at + 1,
      ArrowUp: at <= 0 ? last : at - 1,
      Home: 0,
      End: last,
    };
    if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') event.preventDefault();
      this.closeMenu(event.key === 'Escape');
    } else if (event.key in next) {
      event.preventDefault();
      items[next[event.key]]?.focus();
    }
  }

  protected onMenuFocusOut(event: FocusEvent): void {
    const to = event.relatedTarget as Node | null;
    if (this.menuOpen() && to && !(event.currentTarget as HTMLElement).contains(to)) this.closeMenu(false);
  }

  private openMenu(): void {
    this.menuOpen.set(true);
    this.afterRender(() => this.menu()?.nativeElement.querySelector<HTMLElement>('[role=menuitem]')?.focus());
  }

  private closeMenu(refocus = true): void {
    this.menuOpen.set(false);
    if (refocus) this.afterRender(() => this.menuButton()?.nativeElement.focus());
  }

  protected act(kind: 'reply' | 'forward'): void {
    this.menuOpen.set(false);
    this.intent.emit({ kind, message: this.message() });
  }

  /** "React" opens the quick row and the emoji picker under the message (its search focused). */
  protected startReacting(): void {
    this.menuOpen.set(false);
    this.reactionBar()?.open(this.menuButton()?.nativeElement ?? null);
  }

  /** R on a focused message (its bubble or its actions button) replies to it, as the menu item says. */
  protected onMessageKeydown(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    const typing = target.closest('input, textarea, select, [contenteditable=true], [role=menu], [role=dialog]');
    if (event.key.toLowerCase() !== 'r' || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (typing || this.editing() || !this.canRespond()) return;
    event.preventDefault();
    this.intent.emit({ kind: 'reply', message: this.message() });
  }

  protected startEdit(): void {
    this.menuOpen.set(false);
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
    this.afterRender(() => this.menuButton()?.nativeElement.focus());
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

  protected askDelete(who: 'everyone' | 'me' = 'everyone'): void {
    this.menuOpen.set(false);
    this.confirmingDelete.set(who);
    this.afterRender(() => this.confirmButton()?.nativeElement.focus());
  }

  protected confirmDelete(): void {
    const who = this.confirmingDelete();
    this.confirmingDelete.set(false);
    this.intent.emit({ kind: who === 'me' ? 'hide' : 'remove', message: this.message() });
  }

  protected cancelDelete(): void {
    this.confirmingDelete.set(false);
    this.afterRender(() => this.menuButton()?.nativeElement.focus());
  }

  protected closeHistory(): void {
    this.history.set(false);
    this.afterRender(() => this.historyOpener()?.nativeElement.focus());
  }

  protected closeLightbox(): void {
    this.lightbox.set(false);
    this.afterRender(() => this.opener()?.nativeElement.focus());
  }

  private afterRender(callback: () => void): void {
    afterNextRender(callback, { injector: this.injector });
  }
}
