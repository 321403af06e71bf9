import {
  afterEveryRender,
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  type ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type { PublicUser } from '@contracts/users';

import { Avatar } from '../../shared/ui/avatar';
import { Button } from '../../shared/ui/button';
import { Icon } from '../../shared/ui/icon';
import type { Relationship } from '../friends-feature';
import { ONLINE_LABEL } from '../last-seen';

type Confirming = 'unfriend' | 'block' | null;

/**
 * A person's profile in a modal dialog, with what I can do about them. The native <dialog> opened with
 * showModal() makes the page behind it inert (so focus stays inside) and closes on Escape; focus returns to
 * whatever opened it. Unfriending and blocking ask first.
 */
@Component({
  selector: 'app-profile-card',
  imports: [Avatar, Button, Icon],
  template: `
    <!-- The click only catches the backdrop; the keyboard closes the native dialog with Escape. -->
    <!-- eslint-disable-next-line @angular-eslint/template/click-events-have-key-events, @angular-eslint/template/interactive-supports-focus -->
    <dialog
      #dialog
      aria-labelledby="profile-card-name"
      class="m-auto w-[calc(100%-2rem)] max-w-sm rounded-2xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      (close)="onClosed()"
      (click)="closeOnBackdrop($event)"
    >
      @if (user(); as user) {
        <div class="relative p-5">
          <button
            appButton
            type="button"
            variant="ghost"
            size="icon"
            class="absolute top-3 right-3 size-8"
            aria-label="Close"
            i18n-aria-label="@@friends.card.close"
            (click)="close()"
          >
            <svg appIcon="close" class="size-4"></svg>
          </button>

          <div class="flex flex-col items-center text-center">
            <app-avatar [name]="user.displayName" [src]="user.avatarUrl" size="lg" />
            <h2 id="profile-card-name" class="mt-3 text-lg font-semibold">{{ user.displayName }}</h2>
            <p class="text-sm text-zinc-500 dark:text-zinc-400">&#64;{{ user.username }}</p>
            @if (presence()) {
              <p class="mt-1 flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
                @if (presence() === onlineLabel) {
                  <span class="size-2 rounded-full bg-emerald-500" aria-hidden="true"></span>
                }
                {{ presence() }}
              </p>
            }
            <p class="mt-3 text-sm whitespace-pre-line text-zinc-700 dark:text-zinc-300">
              @if (user.bio) {
                {{ user.bio }}
              } @else {
                <ng-container i18n="@@friends.card.noBio">No bio yet.</ng-container>
              }
            </p>
          </div>

          @if (error()) {
            <p
              role="alert"
              class="mt-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-300"
            >
              {{ error() }}
            </p>
          }

          @if (confirming(); as confirming) {
            <div
              role="group"
              aria-labelledby="profile-card-confirm"
              class="mt-5 rounded-xl border border-red-200 bg-red-50 p-4 dark:border-red-900/60 dark:bg-red-950/40"
            >
              <p id="profile-card-confirm" class="text-sm text-red-800 dark:text-red-300">
                @if (confirming === 'block') {
                  <ng-container i18n="@@friends.card.confirmBlock"
                    >Block {{ user.displayName }}? You stop being friends, and they can no longer send you requests or
                    messages.</ng-container
                  >
                } @else {
                  <ng-container i18n="@@friends.card.confirmUnfriend"
                    >Remove {{ user.displayName }} from your friends?</ng-container
                  >
                }
              </p>
              <div class="mt-3 flex flex-wrap gap-2">
                <button
                  appButton
                  id="profile-card-confirm-yes"
                  type="button"
                  variant="danger"
                  size="sm"
                  (click)="confirm(confirming)"
                >
                  @if (confirming === 'block') {
                    <ng-container i18n="@@friends.card.yesBlock">Yes, block</ng-container>
                  } @else {
                    <ng-container i18n="@@friends.card.yesUnfriend">Yes, unfriend</ng-container>
                  }
                </button>
                <button
                  appButton
                  type="button"
                  variant="ghost"
                  size="sm"
                  (click)="cancelConfirm()"
                  i18n="@@friends.card.cancel"
                >
                  Cancel
                </button>
              </div>
            </div>
          } @else {
            <div data-card-actions class="mt-5 flex flex-wrap justify-center gap-2" [attr.aria-busy]="busy() || null">
              @if (mayMessage() && relationship() !== 'friend') {
                <button
                  appButton
                  type="button"
                  size="sm"
                  (click)="startChat.emit(); close()"
                  i18n="@@friends.card.message"
                >
                  Message
                </button>
              }
              @switch (relationship()) {
                @case ('friend') {
                  <button
                    appButton
                    type="button"
                    size="sm"
                    (click)="startChat.emit(); close()"
                    i18n="@@friends.card.message"
                  >
                    Message
                  </button>
                  <button
                    appButton
                    id="profile-card-unfriend"
                    type="button"
                    variant="secondary"
                    size="sm"
                    [disabled]="busy()"
                    (click)="ask('unfriend')"
                    i18n="@@friends.card.unfriend"
                  >
                    Unfriend
                  </button>
                }
                @case ('incoming') {
                  <button
                    appButton
                    type="button"
                    [variant]="requestVariant()"
                    size="sm"
                    [pending]="busy()"
                    [disabled]="busy()"
                    (click)="accept.emit()"
                    i18n="@@friends.card.accept"
                  >
                    Accept request
                  </button>
                }
                @case ('outgoing') {
                  <button
                    appButton
                    type="button"
                    variant="secondary"
                    size="sm"
                    [pending]="busy()"
                    [disabled]="busy()"
                    (click)="cancelRequest.emit()"
                    i18n="@@friends.card.cancelRequest"
                  >
                    Cancel request
                  </button>
                }
                @case ('none') {
                  <button
                    appButton
                    type="button"
                    [variant]="requestVariant()"
                    size="sm"
                    [pending]="busy()"
                    [disabled]="busy()"
                    (click)="addFriend.emit()"
                    i18n="@@friends.card.addFriend"
                  >
                    Add friend
                  </button>
                }
              }
              @if (relationship() === 'blocked') {
                <button
                  appButton
                  type="button"
                  variant="secondary"
                  size="sm"
                  [pending]="busy()"
                  [disabled]="busy()"
                  (click)="unblock.emit()"
                  i18n="@@friends.card.unblock"
                >
                  Unblock
                </button>
              } @else {
                <button
                  appButton
                  id="profile-card-block"
                  type="button"
                  variant="danger"
                  size="sm"
                  [disabled]="busy()"
                  (click)="ask('block')"
                  i18n="@@friends.card.block"
                >
                  Block
                </button>
              }
            </div>
          }
        </div>
      }
    </dialog>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfileCard {
  /** The person shown; null keeps the dialog closed. */
  readonly user = input<PublicUser | null>(null);
  readonly relationship = input<Relationship>('none');
  /** Offer "Message" to someone who is not a friend (DIRECT_MESSAGES=everyone); friends always have it. */
  readonly mayMessage = input(false);
  /** "online" or "last seen …" for friends; empty for others. */
  readonly presence = input('');
  readonly busy = input(false);
  readonly error = input<string | null>(null);

  readonly closed = output();
  readonly addFriend = output();
  readonly accept = output();
  readonly cancelRequest = output();
  readonly unfriend = output();
  readonly block = output();
  readonly unblock = output();
  readonly startChat = output();

  /** "Message" is the main action when offered; the friend request then steps back. */
  protected readonly requestVariant = computed(() => (this.mayMessage() ? 'secondary' : 'primary'));
  protected readonly confirming = signal<Confirming>(null);
  protected readonly onlineLabel = ONLINE_LABEL;
  private readonly dialog = viewChild<ElementRef<HTMLDialogElement>>('dialog');
  private readonly injector = inject(Injector);
  private returnFocusTo: HTMLElement | null = null;

  constructor() {
    effect(() => {
      const dialog = this.dialog()?.nativeElement;
      const open = this.user() !== null;
      if (dialog) untracked(() => (open ? this.show(dialog) : this.hide(dialog)));
    });
    // Whatever was being confirmed no longer applies once the relationship changed (e.g. they unfriended me).
    effect(() => {
      this.relationship();
      untracked(() => this.confirming.set(null));
    });
    // An action replaces the button that was pressed (Add friend → Cancel request, a confirmed Unfriend): focus
    // stays in the modal, on the first action now offered, instead of falling to <body>.
    afterEveryRender(() => this.refocusActions());
  }

  protected close(): void {
    this.closed.emit();
  }

  /** Closed by Escape (natively) or by hide(): tell the parent, and put focus back where it was. */
  protected onClosed(): void {
    this.returnFocusTo?.focus();
    this.returnFocusTo = null;
    this.closed.emit();
  }

  protected closeOnBackdrop(event: MouseEvent): void {
    // A click on the ::backdrop lands on the <dialog> itself; clicks on its content land on children.
    if (event.target === event.currentTarget) this.close();
  }

  protected ask(what: Exclude<Confirming, null>): void {
    this.confirming.set(what);
    this.focusAfterRender('#profile-card-confirm-yes');
  }

  protected cancelConfirm(): void {
    const what = this.confirming();
    this.confirming.set(null);
    this.focusAfterRender(what === 'block' ? '#profile-card-block' : '#profile-card-unfriend');
  }

  protected confirm(what: Exclude<Confirming, null>): void {
    this.confirming.set(null);
    (what === 'block' ? this.block : this.unfriend).emit();
  }

  private show(dialog: HTMLDialogElement): void {
    if (dialog.open) return;
    this.confirming.set(null);
    this.returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // jsdom has no showModal(); browsers all do.
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
  }

  private hide(dialog: HTMLDialogElement): void {
    if (!dialog.open) return;
    if (typeof dialog.close === 'function') dialog.close();
    else dialog.removeAttribute('open');
  }

  private refocusActions(): void {
    const dialog = this.dialog()?.nativeElement;
    if (!dialog?.open || dialog.contains(document.activeElement)) return;
    dialog.querySelector<HTMLElement>('[data-card-actions] button:not([disabled])')?.focus();
  }

  private focusAfterRender(selector: string): void {
    afterNextRender(() => this.dialog()?.nativeElement.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }
}
