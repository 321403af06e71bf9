import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  type ElementRef,
  inject,
  input,
  LOCALE_ID,
  untracked,
  viewChild,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { SearchResult } from '@contracts/search';
import { Store } from '@ngrx/store';

import { listTimeLabel } from '../../chat/chat-format';
import { conversationTitle } from '../../chat/conversation-people';
import { injectNow } from '../../chat/now';
import { conversationsFeature } from '../../chat/state/conversations-feature';
import { Button } from '../../shared/ui/button';
import { Icon } from '../../shared/ui/icon';
import { Input } from '../../shared/ui/input';
import { Spinner } from '../../shared/ui/spinner';
import { SearchPageActions } from '../search-actions';
import { searchFeature } from '../search-feature';
import { snippetParts } from '../snippet-parts';

/** Typing pauses this long before the words go to the server. */
const TYPING_PAUSE_MS = 300;

/**
 * Message search at /search (`?q=` the words, `?conversationId=` to search one conversation): the words live in the
 * URL, so going back from a result shows the same results. A result opens its conversation at the message.
 */
@Component({
  selector: 'app-search-page',
  imports: [RouterLink, Button, Icon, Input, Spinner],
  templateUrl: './search-page.html',
  host: { class: 'flex min-h-0 flex-1 flex-col', '(keydown)': 'onKeydown($event)' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SearchPage {
  /** From the query string (component input binding). */
  readonly q = input<string | undefined>();
  readonly conversationId = input<string | undefined>();

  private readonly store = inject(Store);
  private readonly router = inject(Router);
  private readonly locale = inject(LOCALE_ID);
  protected readonly now = injectNow();
  protected readonly state = this.store.selectSignal(searchFeature.selectSearchState);
  private readonly conversations = this.store.selectSignal(conversationsFeature.selectEntities);
  /** The conversation searched in, when one is. */
  protected readonly scope = computed(() => {
    const id = this.conversationId();
    const conversation = id ? this.conversations()[id] : undefined;
    return id ? { id, name: conversation ? conversationTitle(conversation) : '' } : null;
  });
  protected readonly results = computed(() =>
    this.state().items.map((result) => ({
      result,
      name: this.nameOf(result),
      time: listTimeLabel(result.message.createdAt, this.now(), this.locale),
      parts: snippetParts(result.snippet),
    })),
  );
  protected readonly status = computed(() => {
    const { status, items, nextCursor } = this.state();
    if (status === 'loading') return $localize`:@@search.status.searching:Searching…`;
    if (status !== 'loaded') return '';
    if (!items.length) return $localize`:@@search.status.none:No messages found`;
    return nextCursor
      ? $localize`:@@search.status.some:Messages found so far: ${items.length}:count:`
      : $localize`:@@search.status.all:Messages found: ${items.length}:count:`;
  });

  private readonly field = viewChild.required<ElementRef<HTMLInputElement>>('field');
  private readonly list = viewChild<ElementRef<HTMLElement>>('list');
  private typingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    // The URL says what to search: a new one (typed, or back from a result with other words) asks the server.
    effect(() => {
      const request = { q: (this.q() ?? '').trim(), conversationId: this.conversationId() ?? null };
      const current = untracked(() => this.state().request);
      if (current.q === request.q && current.conversationId === request.conversationId) return;
      untracked(() => this.store.dispatch(SearchPageActions.queryChanged(request)));
    });
    afterNextRender(() => this.field().nativeElement.focus());
    inject(DestroyRef).onDestroy(() => clearTimeout(this.typingTimer));
  }

  protected typed(value: string): void {
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.setQuery({ q: value.trim() || null }), TYPING_PAUSE_MS);
  }

  protected submitted(event: Event): void {
    event.preventDefault();
    clearTimeout(this.typingTimer);
    this.setQuery({ q: this.field().nativeElement.value.trim() || null });
  }

  protected searchEverywhere(): void {
    this.setQuery({ conversationId: null });
    this.field().nativeElement.focus();
  }

  protected loadMore(): void {
    this.store.dispatch(SearchPageActions.moreRequested());
  }

  /** Arrow keys move between the results (and from the field to the first one); Home and End to the ends. */
  protected onKeydown(event: KeyboardEvent): void {
    const links = [...(this.list()?.nativeElement.querySelectorAll<HTMLElement>('a[data-result]') ?? [])];
    if (!links.length) return;
    const at = links.indexOf(document.activeElement as HTMLElement);
    const next =
      event.key === 'ArrowDown'
        ? Math.min(at + 1, links.length - 1)
        : event.key === 'ArrowUp'
          ? at - 1
          : event.key === 'Home' && at >= 0
            ? 0
            : event.key === 'End' && at >= 0
              ? links.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    if (next < 0) this.field().nativeElement.focus();
    else links[next].focus();
  }

  private setQuery(params: { q?: string | null; conversationId?: string | null }): void {
    void this.router.navigate([], { queryParams: params, queryParamsHandling: 'merge', replaceUrl: true });
  }

  private nameOf(result: SearchResult): string {
    const conversation = this.conversations()[result.conversationId];
    return conversation ? conversationTitle(conversation) : $localize`:@@search.result.unknownChat:A chat`;
  }
}
