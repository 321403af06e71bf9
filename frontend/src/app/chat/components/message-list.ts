import {
  afterNextRender,
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  type ElementRef,
  inject,
  Injector,
  input,
  LOCALE_ID,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';

import { Icon } from '../../shared/ui/icon';
import { Spinner } from '../../shared/ui/spinner';
import { mediaLabel } from '../chat-format';
import type { ChatMessage, MessageIntent, Receipt } from '../chat-models';
import { receiptSentence, systemSentence } from '../group-text';
import type { OpenGroupReceipt } from '../state/chat-selectors';
import { MessageBubble } from './message-bubble';
import { type ThreadItem, threadItems } from './thread-items';

/** Closer than this to the bottom counts as "at the newest message": new ones scroll into view. */
const NEAR_BOTTOM_PX = 120;
/** Closer than this to the top loads the previous page. */
const NEAR_TOP_PX = 240;
/** How long a message opened from a search stays marked. */
const HIGHLIGHT_MS = 2_500;

interface Snapshot {
  conversationId: string | null;
  /** The list was a window away from the newest messages. */
  away: boolean;
  firstKey: string | null;
  lastKey: string | null;
  scrollHeight: number;
  scrollTop: number;
}

/**
 * The scrolling message history. Keeps the reading position when older pages are added above, follows new
 * messages while the person is at the bottom (and always for their own), offers "Jump to newest" otherwise, and
 * announces incoming messages to screen readers through a polite live region. Opened at a message (a window away
 * from the newest), it loads newer pages as it is scrolled down and offers "Jump to newest" with the count of
 * messages that arrived meanwhile.
 */
@Component({
  selector: 'app-message-list',
  imports: [Icon, MessageBubble, Spinner],
  template: `
    <!-- relative: the screen-reader-only texts inside are placed against the list; against the page's clipped card they
      would make it scrollable, and bringing a message into view (find in page) would shift the whole chat. -->
    <div
      #scroller
      class="relative h-full overflow-y-auto overscroll-contain px-3 py-4 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500 sm:px-5"
      tabindex="0"
      role="region"
      [attr.aria-label]="label()"
      [attr.aria-busy]="loadingOlder() || null"
      (scroll)="onScroll()"
    >
      @if (loadingOlder()) {
        <div class="flex justify-center py-2 text-indigo-600 dark:text-indigo-400" role="status">
          <app-spinner class="size-4" /><span class="sr-only" i18n="@@chat.messageList.loadingOlder"
            >Loading older messages</span
          >
        </div>
      } @else if (!hasOlder() && items().length) {
        <p class="py-2 text-center text-xs text-zinc-500 dark:text-zinc-400" i18n="@@chat.messageList.start">
          This is the start of your conversation.
        </p>
      }
      <ol #content class="flex flex-col">
        @for (item of items(); track item.key) {
          @if (item.kind === 'day') {
            <!-- Not sticky: a label pinned over the list would cover the text scrolling under it. -->
            <li class="flex justify-center py-2">
              <span
                class="rounded-full bg-zinc-100/90 px-3 py-0.5 text-xs font-medium text-zinc-600 backdrop-blur dark:bg-zinc-800/90 dark:text-zinc-300"
                >{{ item.label }}</span
              >
            </li>
          } @else if (item.kind === 'unread') {
            <li
              class="mt-3 flex items-center gap-3 text-xs font-semibold text-indigo-700 dark:text-indigo-300"
              data-testid="unread-divider"
            >
              <span class="h-px flex-1 bg-indigo-200 dark:bg-indigo-800" aria-hidden="true"></span>
              <span i18n="@@chat.messageList.newMessages">New messages</span>
              <span class="h-px flex-1 bg-indigo-200 dark:bg-indigo-800" aria-hidden="true"></span>
            </li>
          } @else if (item.kind === 'system') {
            <li class="flex justify-center py-2" [attr.data-message-id]="item.message.id" data-testid="system-line">
              <span class="max-w-full px-3 text-center text-xs text-zinc-600 dark:text-zinc-400">{{
                systemText(item.message)
              }}</span>
            </li>
          } @else {
            @let sender = item.mine ? '' : senderOf(item.message.senderId);
            <li
              [class]="(item.first ? 'mt-3 ' : 'mt-0.5 ') + (highlightedId() === item.message.id ? highlight : '')"
              [attr.data-highlighted]="highlightedId() === item.message.id || null"
              [attr.data-message-id]="item.message.id || null"
              [attr.tabindex]="item.message.id && item.message.id === focusTarget()?.id ? -1 : null"
            >
              @if (group() && item.first && !item.mine) {
                <p class="mb-0.5 px-1 text-xs font-medium text-zinc-600 dark:text-zinc-400" data-testid="sender-name">
                  {{ sender }}
                </p>
              }
              @if (!item.mine && blockedIds().has(item.message.senderId) && !revealed().has(item.key)) {
                <p
                  class="inline-flex items-center gap-2 rounded-2xl bg-zinc-100 px-3 py-2 text-sm text-zinc-600 italic dark:bg-zinc-800 dark:text-zinc-300"
                  data-testid="blocked-message"
                >
                  <span i18n="@@chat.group.blockedMessage">Message from a blocked person</span>
                  <button
                    type="button"
                    class="cursor-pointer rounded font-semibold not-italic underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-500"
                    (click)="reveal(item.key)"
                    i18n="@@chat.group.showBlocked"
                  >
                    Show
                  </button>
                </p>
              } @else {
                <app-message-bubble
                  [message]="item.message"
                  [mine]="item.mine"
                  [senderName]="sender"
                  [me]="me() ?? ''"
                  [nameOf]="personName"
                  [last]="item.last"
                  [receipt]="item.message.id && item.message.id === receiptMessageId() ? receipt() : null"
                  (intent)="intent.emit($event)"
                />
              }
              @if (groupReceipt(); as summary) {
                @if (summary.messageId === item.message.id && receiptText(); as text) {
                  <details class="mt-0.5 px-1 text-right text-xs text-zinc-500 dark:text-zinc-400">
                    <summary
                      class="inline-block cursor-pointer list-none rounded hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
                      data-testid="group-receipt"
                    >
                      {{ text }}
                    </summary>
                    <dl
                      class="mt-1 inline-block max-w-full rounded-lg bg-zinc-50 px-3 py-2 text-left text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200"
                    >
                      @if (summary.seenBy.length) {
                        <dt class="font-semibold" i18n="@@chat.group.receipt.seenList">Seen by</dt>
                        <dd>{{ summary.seenBy.join(', ') }}</dd>
                      }
                      <dt class="mt-1 font-semibold first:mt-0" i18n="@@chat.group.receipt.deliveredList">
                        Delivered to
                      </dt>
                      <dd>{{ summary.deliveredTo.join(', ') }}</dd>
                    </dl>
                  </details>
                }
              }
            </li>
          }
        }
      </ol>
      @if (loadingNewer()) {
        <div class="flex justify-center py-2 text-indigo-600 dark:text-indigo-400" role="status">
          <app-spinner class="size-4" /><span class="sr-only" i18n="@@chat.messageList.loadingNewer"
            >Loading newer messages</span
          >
        </div>
      }
    </div>
    <div class="sr-only" aria-live="polite" aria-atomic="true" data-testid="message-announcer">
      {{ announcement() }}
    </div>
    @if (!atBottom() || hasNewer()) {
      <button
        data-testid="jump-to-newest"
        type="button"
        class="absolute right-4 bottom-3 inline-flex cursor-pointer items-center gap-1.5 rounded-full bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 shadow-md ring-1 ring-zinc-200 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:bg-zinc-800 dark:text-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-700"
        (click)="jumpToNewest()"
      >
        <svg appIcon="arrow-down" class="size-4"></svg>
        <span i18n="@@chat.messageList.jumpToNewest">Jump to newest</span>
        @if (hasNewer() ? arrivedAway() : unseen(); as count) {
          <span
            class="rounded-full bg-indigo-600 px-1.5 text-xs leading-5 font-semibold text-white dark:bg-indigo-500"
            data-testid="unseen-count"
            i18n="@@chat.messageList.unseenCount"
            >{count, plural, =1 {1 new message} other {{{ count }} new messages}}</span
          >
        }
      </button>
    }
  `,
  host: { class: 'relative block min-h-0' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageList {
  readonly conversationId = input.required<string>();
  readonly messages = input.required<readonly ChatMessage[]>();
  readonly me = input<string | null>(null);
  readonly participantName = input('');
  /** A group: sender names above others' runs, system lines as sentences, receipts per member. */
  readonly group = input(false);
  /** A group's name for someone by id. */
  readonly nameOf = input<(userId: string) => string>(() => '');
  /** People I blocked: their messages are collapsed until "Show". */
  readonly blockedIds = input<ReadonlySet<string>>(new Set());
  /** "Seen by" / "Delivered to" under my last message in a group. */
  readonly groupReceipt = input<OpenGroupReceipt | null>(null);
  readonly hasOlder = input(false);
  readonly loadingOlder = input(false);
  /** A window away from the newest messages (opened at an older one): newer ones load as it is scrolled down. */
  readonly hasNewer = input(false);
  readonly loadingNewer = input(false);
  /** Messages that arrived live while away from the newest. */
  readonly arrivedAway = input(0);
  readonly receiptMessageId = input<string | null>(null);
  readonly receipt = input<Receipt | null>(null);
  readonly now = input(Date.now());
  /** How many messages were unread when the conversation was opened: it opens at the first of them. */
  readonly unreadAtOpen = input(0);
  /**
   * Show this message (a search result, a reply's original) once it is there: scrolled to the middle, marked for a
   * moment, focused. A new object shows it again.
   */
  readonly focusTarget = input<{ id: string } | null>(null);
  readonly loadOlder = output<void>();
  readonly loadNewer = output<void>();
  /** "Jump to newest" away from the newest messages: the newest page is to replace the window. */
  readonly jumpToLatest = output<void>();
  readonly intent = output<MessageIntent>();
  protected readonly personName = (id: string) =>
    id === this.me() ? $localize`:@@chat.message.senderMe:You` : this.senderOf(id);

  /** Fixed once found, so "New messages" stays where it was while the conversation is open. */
  private readonly firstUnreadKey = signal<string | null>(null);
  protected readonly items = computed<ThreadItem[]>(() =>
    threadItems(this.messages(), this.me(), this.now(), this.locale, this.firstUnreadKey()),
  );
  /** Opening with unread messages: the list scrolls to the first of them once it is loaded. */
  private seekingUnread = false;
  private unreadSought = false;
  /** The focusTarget already shown, so it is sought once. */
  private focused: { id: string } | null = null;
  /** "Jump to newest" was clicked (or I sent) away from the newest: once they are there, scroll to them. */
  private followLatest = false;
  /** The message just opened at, marked for a moment. */
  protected readonly highlightedId = signal<string | null>(null);
  protected readonly highlight =
    'rounded-2xl ring-2 ring-amber-400 ring-offset-2 ring-offset-white dark:ring-offset-zinc-900';
  private highlightTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set by the person's scrolling, not by what changes under them: while true the newest message stays in view. */
  protected readonly atBottom = signal(true);
  protected readonly label = computed(() =>
    this.group()
      ? $localize`:@@chat.group.messageList.label:Messages in ${this.participantName()}:name:`
      : $localize`:@@chat.messageList.label:Messages with ${this.participantName()}:name:`,
  );
  /** Messages of blocked people the reader chose to see. */
  protected readonly revealed = signal<ReadonlySet<string>>(new Set());
  protected readonly receiptText = computed(() => {
    const summary = this.groupReceipt();
    return summary ? receiptSentence(summary, this.locale) : '';
  });
  /** Messages from the other person that arrived while the reader was scrolled up. */
  protected readonly unseen = signal(0);
  protected readonly announcement = signal('');
  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');
  private readonly content = viewChild.required<ElementRef<HTMLElement>>('content');
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly locale = inject(LOCALE_ID);
  private snapshot: Snapshot = {
    conversationId: null,
    away: false,
    firstKey: null,
    lastKey: null,
    scrollHeight: 0,
    scrollTop: 0,
  };

  constructor() {
    afterRenderEffect(() => {
      const messages = this.messages();
      const conversationId = this.conversationId();
      // The count can arrive a moment after the messages (the chat list loads in parallel).
      this.unreadAtOpen();
      this.focusTarget();
      this.hasNewer();
      untracked(() => this.afterMessagesRendered(conversationId, messages));
    });
    // A picture that loads, a composer that grows, a window that shrinks: none scrolls, so follow them here.
    afterNextRender(() => {
      if (typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(() => this.keepPinned());
      observer.observe(this.scroller().nativeElement);
      observer.observe(this.content().nativeElement);
      this.destroyRef.onDestroy(() => observer.disconnect());
    });
    this.destroyRef.onDestroy(() => clearTimeout(this.highlightTimer));
  }

  protected senderOf(userId: string): string {
    return this.group() ? this.nameOf()(userId) : this.participantName();
  }

  protected systemText(message: ChatMessage): string {
    return message.system ? systemSentence(message.system, this.nameOf(), this.me(), this.locale) : '';
  }

  protected reveal(key: string): void {
    this.revealed.update((keys) => new Set([...keys, key]));
  }

  protected onScroll(): void {
    const el = this.scroller().nativeElement;
    this.setAtBottom(el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX);
    this.snapshot = { ...this.snapshot, scrollHeight: el.scrollHeight, scrollTop: el.scrollTop };
    if (el.scrollTop < NEAR_TOP_PX) this.requestOlder();
    if (el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_TOP_PX) this.requestNewer();
  }

  /** I send away from the newest messages: the newest page is on its way; show it, my message last, once it is in. */
  followNewest(): void {
    this.followLatest = true;
  }

  protected jumpToNewest(): void {
    const el = this.scroller().nativeElement;
    if (this.hasNewer()) {
      this.followLatest = true;
      // The button goes with the window: the person carries on in the history.
      el.focus();
      this.jumpToLatest.emit();
      return;
    }
    const smooth = !globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    el.scrollTo({ top: el.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
  }

  private afterMessagesRendered(conversationId: string, messages: readonly ChatMessage[]): void {
    const el = this.scroller().nativeElement;
    const first = messages[0];
    const last = messages[messages.length - 1];
    const firstKey = first ? `${first.senderId}:${first.clientId}` : null;
    const lastKey = last ? `${last.senderId}:${last.clientId}` : null;
    const before = this.snapshot;

    const opened = before.conversationId !== conversationId;
    if (opened) {
      el.scrollTop = el.scrollHeight;
      this.announcement.set('');
      this.unseen.set(0);
      this.firstUnreadKey.set(null);
      this.unreadSought = false;
    }
    const target = this.focusTarget();
    const seeking = target !== null && target !== this.focused;
    // Opening at a message replaces opening at the first unread one.
    if (seeking) this.unreadSought = true;
    if (!this.unreadSought && this.unreadAtOpen() > 0) {
      this.unreadSought = true;
      this.seekingUnread = true;
    }
    const away = this.hasNewer();
    if (seeking) {
      this.seekMessage(el, messages, target);
    } else if (this.seekingUnread) {
      this.seekFirstUnread(el, messages);
    } else if (this.followLatest && !away) {
      this.followLatest = false;
      el.scrollTop = el.scrollHeight;
    } else if (!opened && before.away && lastKey !== before.lastKey) {
      // A newer page went in below the window: the person reads on from where they are.
    } else if (!opened && lastKey !== before.lastKey && last) {
      const mine = last.senderId === this.me();
      if (this.atBottom() || mine) el.scrollTop = el.scrollHeight;
      else if (before.lastKey !== null) this.unseen.update((count) => count + 1);
      if (!mine && before.lastKey !== null) {
        this.announcement.set(
          last.system ? this.systemText(last) : `${this.senderOf(last.senderId)}: ${announced(last)}`,
        );
      }
    } else if (!opened && firstKey !== before.firstKey && before.firstKey !== null) {
      // Older messages went in above: keep what the person was reading where it was.
      el.scrollTop = before.scrollTop + (el.scrollHeight - before.scrollHeight);
    } else if (!opened && this.atBottom()) {
      el.scrollTop = el.scrollHeight;
    }

    this.snapshot = {
      conversationId,
      away,
      firstKey,
      lastKey,
      scrollHeight: el.scrollHeight,
      scrollTop: el.scrollTop,
    };
    this.setAtBottom(el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX);
    // A first page shorter than the window cannot be scrolled: fetch more until it can, or until the ends.
    if (el.scrollHeight <= el.clientHeight) {
      this.requestOlder();
      this.requestNewer();
    }
  }

  /**
   * Finds the first unread message (counting back the other person's messages), loading older pages until it is
   * there, then marks it "New messages" and scrolls it to the top.
   */
  private seekFirstUnread(el: HTMLElement, messages: readonly ChatMessage[]): void {
    const me = this.me();
    let count = 0;
    let first: ChatMessage | undefined;
    for (let i = messages.length - 1; i >= 0 && !first; i--) {
      const counted = messages[i].senderId !== me && messages[i].kind !== 'system';
      if (counted && ++count === this.unreadAtOpen()) first = messages[i];
    }
    if (!first && this.hasOlder()) {
      this.requestOlder();
      return;
    }
    this.seekingUnread = false;
    const oldest = messages[0];
    const target = first ?? oldest;
    if (!target) return;
    this.firstUnreadKey.set(`${target.senderId}:${target.clientId}`);
    // The divider is drawn on the next render.
    afterNextRender(
      () => {
        const divider = el.querySelector<HTMLElement>('[data-testid=unread-divider]');
        if (divider) el.scrollTop = divider.offsetTop - el.offsetTop - 8;
        this.snapshot = { ...this.snapshot, scrollHeight: el.scrollHeight, scrollTop: el.scrollTop };
        this.setAtBottom(el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX);
      },
      { injector: this.injector },
    );
  }

  /**
   * Once the message is there (the history around it is loading), scrolls it to the middle, marks it and moves
   * focus to it.
   */
  private seekMessage(el: HTMLElement, messages: readonly ChatMessage[], target: { id: string }): void {
    const { id } = target;
    if (!messages.some((message) => message.id === id)) return;
    this.focused = target;
    this.seekingUnread = false;
    afterNextRender(
      () => {
        const item = el.querySelector<HTMLElement>(`[data-message-id="${id}"]`);
        if (!item) return;
        el.scrollTop = item.offsetTop - el.offsetTop - (el.clientHeight - item.offsetHeight) / 2;
        item.focus({ preventScroll: true });
        this.snapshot = { ...this.snapshot, scrollHeight: el.scrollHeight, scrollTop: el.scrollTop };
        this.setAtBottom(el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX);
        this.highlightedId.set(id);
        clearTimeout(this.highlightTimer);
        this.highlightTimer = setTimeout(() => this.highlightedId.set(null), HIGHLIGHT_MS);
      },
      { injector: this.injector },
    );
  }

  private keepPinned(): void {
    const el = this.scroller().nativeElement;
    if (this.atBottom()) el.scrollTop = el.scrollHeight;
    this.snapshot = { ...this.snapshot, scrollHeight: el.scrollHeight, scrollTop: el.scrollTop };
  }

  private setAtBottom(atBottom: boolean): void {
    this.atBottom.set(atBottom);
    if (atBottom) this.unseen.set(0);
  }

  private requestOlder(): void {
    if (this.hasOlder() && !this.loadingOlder()) this.loadOlder.emit();
  }

  private requestNewer(): void {
    if (this.hasNewer() && !this.loadingNewer()) this.loadNewer.emit();
  }
}

function announced(message: ChatMessage): string {
  if (message.deletedAt) return $localize`:@@chat.message.deleted:Message deleted`;
  const media = message.media ? [mediaLabel(message.media.kind), message.media.name].filter(Boolean).join(' ') : '';
  return [media, message.text ?? ''].filter(Boolean).join(': ');
}
