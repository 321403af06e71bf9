import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';

import { Button } from '../../shared/ui/button';
import { Icon } from '../../shared/ui/icon';
import type { MemberAction } from '../group-roles';

let nextId = 0;

/** The "…" button beside a member: role changes and removal, as a disclosure of buttons (like the mute menu). */
@Component({
  selector: 'app-member-menu',
  imports: [Button, Icon],
  template: `
    <button
      #trigger
      appButton
      type="button"
      variant="quiet"
      size="icon"
      class="size-9"
      [attr.aria-expanded]="open()"
      [attr.aria-controls]="id"
      [attr.aria-label]="label()"
      [pending]="busy()"
      (click)="toggle()"
    >
      @if (!busy()) {
        <svg appIcon="more" class="size-5"></svg>
      }
    </button>
    @if (open()) {
      <div
        [id]="id"
        class="absolute top-full right-0 z-20 mt-1 w-56 rounded-xl border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      >
        @for (action of actions(); track action; let first = $first) {
          <button
            type="button"
            [class]="action === 'remove' ? danger : item"
            (click)="choose(action)"
            [attr.data-first]="first || null"
          >
            @switch (action) {
              @case ('makeOwner') {
                <ng-container i18n="@@groups.member.makeOwner">Make owner</ng-container>
              }
              @case ('makeAdmin') {
                <ng-container i18n="@@groups.member.makeAdmin">Make admin</ng-container>
              }
              @case ('removeAdmin') {
                <ng-container i18n="@@groups.member.removeAdmin">Remove admin</ng-container>
              }
              @case ('remove') {
                <ng-container i18n="@@groups.member.remove">Remove from group</ng-container>
              }
            }
          </button>
        }
      </div>
    }
  `,
  host: { class: 'relative', '(focusout)': 'leave($event)', '(keydown.escape)': 'open() && close()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MemberMenu {
  readonly actions = input.required<readonly MemberAction[]>();
  /** "Actions for Ada Lovelace". */
  readonly label = input.required<string>();
  readonly busy = input(false);
  readonly chosen = output<MemberAction>();

  protected readonly id = `member-menu-${nextId++}`;
  protected readonly open = signal(false);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly trigger = viewChild.required('trigger', { read: ElementRef<HTMLButtonElement> });
  protected readonly item =
    'block w-full cursor-pointer rounded-lg px-3 py-2 text-left text-sm text-zinc-800 hover:bg-zinc-100 ' +
    'focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-100 dark:hover:bg-zinc-800';
  protected readonly danger =
    'block w-full cursor-pointer rounded-lg px-3 py-2 text-left text-sm text-red-700 hover:bg-red-50 ' +
    'focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-red-400 dark:hover:bg-red-950';

  protected toggle(): void {
    if (this.busy()) return;
    this.open.update((open) => !open);
    if (!this.open()) return;
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('[data-first]')?.focus(), {
      injector: this.injector,
    });
  }

  /** The trigger gets focus back, so a dialog opened for the choice returns focus there too. */
  protected choose(action: MemberAction): void {
    this.close();
    this.chosen.emit(action);
  }

  protected close(): void {
    this.open.set(false);
    this.trigger().nativeElement.focus();
  }

  /** Tabbing or clicking away closes the menu. */
  protected leave(event: FocusEvent): void {
    if (!this.host.nativeElement.contains(event.relatedTarget as Node | null)) this.open.set(false);
  }
}
