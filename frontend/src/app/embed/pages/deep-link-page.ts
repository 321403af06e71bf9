import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { PersonRef } from '@contracts/embed';
import { Store } from '@ngrx/store';

import { Button } from '../../shared/ui/button';
import { Spinner } from '../../shared/ui/spinner';
import { DeepLinkPageActions } from '../embed-actions';
import { embedFeature } from '../embed-feature';

/** What the page says when the chat cannot be opened; the server's codes, in the person's words. */
const REASONS: Record<string, string> = {
  user_not_found: $localize`:@@embed.deepLink.userNotFound:There is no one you can chat with by that name or address.`,
  not_friends: $localize`:@@embed.deepLink.notFriends:You can only chat with friends. Send them a friend request from the Friends tab first.`,
  recipient_unavailable: $localize`:@@embed.deepLink.unavailable:You can't chat with this person.`,
  self_conversation: $localize`:@@embed.deepLink.self:That's you. Pick someone else to chat with.`,
  email_unverified: $localize`:@@embed.deepLink.emailUnverified:Verify your e-mail address to contact colleagues.`,
};

/**
 * /u/:username, /u/email/:email, /u/ext/:externalId: a portal's link to a person. Opens (or creates, when the rules
 * allow) the direct conversation, which then replaces this page; else says why not.
 */
@Component({
  selector: 'app-deep-link-page',
  imports: [RouterLink, Button, Spinner],
  template: `
    @if (error(); as error) {
      <div class="mx-auto max-w-sm py-10 text-center" role="alert">
        <h1 class="text-lg font-semibold text-zinc-900 dark:text-white" i18n="@@embed.deepLink.heading">
          This chat can't be opened
        </h1>
        <p class="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{{ reason() }}</p>
        <a appButton variant="secondary" routerLink="/" class="mt-6" i18n="@@embed.deepLink.back">Back to your chats</a>
      </div>
    } @else {
      <div class="flex items-center justify-center gap-3 py-10 text-sm text-zinc-500 dark:text-zinc-400" role="status">
        <app-spinner class="text-indigo-600 dark:text-indigo-400" />
        <span i18n="@@embed.deepLink.opening">Opening the chat…</span>
      </div>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeepLinkPage {
  private readonly store = inject(Store);
  readonly username = input<string>();
  readonly email = input<string>();
  readonly externalId = input<string>();
  protected readonly error = this.store.selectSignal(embedFeature.selectDeepLinkError);
  protected readonly reason = computed(() => {
    const error = this.error();
    return (error?.code && REASONS[error.code]) || error?.message;
  });
  private readonly person = computed((): PersonRef | null => {
    const [username, email, externalId] = [this.username(), this.email(), this.externalId()];
    if (username) return { username };
    if (email) return { email };
    return externalId ? { externalId } : null;
  });

  constructor() {
    effect(() => {
      const person = this.person();
      if (person) this.store.dispatch(DeepLinkPageActions.opened({ person }));
    });
  }
}
