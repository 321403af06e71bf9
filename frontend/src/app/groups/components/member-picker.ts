import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  Injector,
  input,
  model,
  output,
  viewChild,
  viewChildren,
} from '@angular/core';
import type { PublicUser } from '@contracts/users';

import { Avatar } from '../../shared/ui/avatar';
import { Field } from '../../shared/ui/field';
import { Icon } from '../../shared/ui/icon';
import { Input } from '../../shared/ui/input';

let nextId = 0;

/**
 * Choosing people for a group: a search box, the people it finds as checkboxes, and the chosen ones as chips that
 * can be removed again (also those the current search does not show). The page feeds the candidates.
 */
@Component({
  selector: 'app-member-picker',
  imports: [Avatar, Field, Icon, Input],
  template: `
    <app-field label="Search people to add" i18n-label="@@groups.picker.search" [for]="id + '-search'" [hint]="hint()">
      <input
        #search
        appInput
        type="search"
        autocomplete="off"
        [id]="id + '-search'"
        [attr.aria-controls]="id + '-results'"
        (input)="searchChanged.emit(search.value)"
      />
    </app-field>

    @if (chosen().length) {
      <ul class="mt-3 flex flex-wrap gap-2" aria-label="Chosen people" i18n-aria-label="@@groups.picker.chosenList">
        @for (person of chosen(); track person.id; let i = $index) {
          <li
            class="inline-flex max-w-full items-center gap-1.5 rounded-full bg-indigo-50 py-1 pr-1 pl-1 text-sm text-indigo-900 dark:bg-indigo-500/15 dark:text-indigo-100"
            data-testid="chosen-person"
          >
            <app-avatar size="sm" class="size-6 text-[10px]" [name]="person.displayName" [src]="person.avatarUrl" />
            <span class="truncate">{{ person.displayName }}</span>
            <button
              #chip
              type="button"
              class="inline-flex size-6 shrink-0 cursor-pointer items-center justify-center rounded-full hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-indigo-500/30"
              [attr.aria-label]="removeLabel(person)"
              (click)="unchoose(person, i)"
            >
              <svg appIcon="close" class="size-4"></svg>
            </button>
          </li>
        }
      </ul>
    }
    <p class="mt-2 text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite" data-testid="chosen-count">
      {{ chosenText() }}
    </p>

    <ul
      [id]="id + '-results'"
      class="mt-2 max-h-72 divide-y divide-zinc-100 overflow-y-auto rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
      aria-label="People"
      i18n-aria-label="@@groups.picker.results"
      [attr.aria-busy]="loading() || null"
    >
      @for (person of shown(); track person.id) {
        <li>
          <label
            class="flex cursor-pointer items-center gap-3 px-3 py-2 hover:bg-zinc-50 has-focus-visible:bg-zinc-50 dark:hover:bg-zinc-800/60 dark:has-focus-visible:bg-zinc-800/60"
          >
            <input
              type="checkbox"
              class="size-4 shrink-0 cursor-pointer rounded accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
              [checked]="chosenIds().has(person.id)"
              (change)="toggle(person)"
            />
            <app-avatar size="sm" [name]="person.displayName" [src]="person.avatarUrl" />
            <span class="min-w-0">
              <span class="block truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{{
                person.displayName
              }}</span>
              <span class="block truncate text-xs text-zinc-500 dark:text-zinc-400">&#64;{{ person.username }}</span>
            </span>
          </label>
        </li>
      } @empty {
        <li class="px-3 py-4 text-center text-sm text-zinc-600 dark:text-zinc-400">
          @if (loading()) {
            <ng-container i18n="@@groups.picker.searching">Searching…</ng-container>
          } @else if (error()) {
            <span role="alert">{{ error() }}</span>
          } @else {
            <ng-container i18n="@@groups.picker.nobody">Nobody found.</ng-container>
          }
        </li>
      }
    </ul>
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MemberPicker {
  /** Whom the search offers (friends, and people the directory search found). */
  readonly candidates = input.required<readonly PublicUser[]>();
  /** People never offered (the group's members). */
  readonly exclude = input<readonly string[]>([]);
  readonly chosen = model<PublicUser[]>([]);
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  /** DIRECT_MESSAGES=everyone: anyone may be found, not just friends. */
  readonly directory = input(false);
  readonly searchChanged = output<string>();

  protected readonly id = `member-picker-${nextId++}`;
  private readonly searchBox = viewChild.required<ElementRef<HTMLInputElement>>('search');
  private readonly chips = viewChildren<ElementRef<HTMLButtonElement>>('chip');
  private readonly injector = inject(Injector);

  protected readonly chosenIds = computed(() => new Set(this.chosen().map((person) => person.id)));
  protected readonly shown = computed(() => {
    const excluded = new Set(this.exclude());
    return this.candidates().filter((person) => !excluded.has(person.id));
  });
  protected readonly hint = computed(() =>
    this.directory()
      ? $localize`:@@groups.picker.hintDirectory:Your friends, or anyone here by name.`
      : $localize`:@@groups.picker.hintFriends:You can add your friends.`,
  );
  protected readonly chosenText = computed(() => {
    const count = this.chosen().length;
    return count === 0
      ? $localize`:@@groups.picker.noneChosen:Nobody chosen yet.`
      : count === 1
        ? $localize`:@@groups.picker.oneChosen:1 person chosen.`
        : $localize`:@@groups.picker.manyChosen:${count}:count: people chosen.`;
  });

  protected removeLabel(person: PublicUser): string {
    return $localize`:@@groups.picker.remove:Remove ${person.displayName}:name:`;
  }

  protected toggle(person: PublicUser): void {
    this.chosen.update((chosen) =>
      chosen.some((one) => one.id === person.id) ? chosen.filter((one) => one.id !== person.id) : [...chosen, person],
    );
  }

  /** Focus stays among the chips (the next one, else the previous one), or goes back to the search box. */
  protected unchoose(person: PublicUser, index: number): void {
    this.chosen.update((chosen) => chosen.filter((one) => one.id !== person.id));
    afterNextRender(
      () => {
        const chips = this.chips();
        (chips[Math.min(index, chips.length - 1)] ?? this.searchBox()).nativeElement.focus();
      },
      { injector: this.injector },
    );
  }
}
