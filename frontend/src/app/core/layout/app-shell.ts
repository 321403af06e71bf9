import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  type ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import { filter, map } from 'rxjs';

import { VerifyEmailBanner } from '../../auth/components/verify-email-banner';
import { Avatar } from '../../shared/ui/avatar';
import { Button } from '../../shared/ui/button';
import { Logo } from '../../shared/ui/logo';
import { AppShellActions } from '../auth/auth-actions';
import { authFeature } from '../auth/auth-feature';
import { APP_NAME } from '../page-title';
import { ConnectionBanner } from '../socket/connection-banner';

/** Header, navigation and the `<main>` landmark around every signed-in page. */
@Component({
  selector: 'app-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, Avatar, Button, Logo, ConnectionBanner, VerifyEmailBanner],
  templateUrl: './app-shell.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppShell {
  private readonly store = inject(Store);
  protected readonly user = this.store.selectSignal(authFeature.selectUser);
  protected readonly isAdmin = this.store.selectSignal(authFeature.selectIsAdmin);
  protected readonly appName = APP_NAME;
  protected readonly navLink =
    'rounded-md px-2 py-1.5 text-sm sm:px-2.5 font-medium text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900 ' +
    'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 ' +
    'dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white';
  protected readonly navLinkActive = 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-white';
  private readonly router = inject(Router);
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.router.url),
    ),
    { initialValue: this.router.url },
  );
  protected readonly onChats = computed(() => /^\/(c\/[^/?#]+)?([?#]|$)/.test(this.url()));
  /** Chats use the width of a wide screen; forms and tables stay at a readable measure. */
  protected readonly width = computed(() => (this.onChats() ? 'max-w-[96rem]' : 'max-w-5xl'));
  /** Read out by screen readers after each navigation: the new page's title. */
  protected readonly routeAnnouncement = signal('');
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  private readonly document = inject(DOCUMENT);

  constructor() {
    const injector = inject(Injector);
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => afterNextRender(() => this.afterNavigation(), { injector }));
  }

  /**
   * Says where the person is now, and when the element they used went away with the old page (signing in, a link
   * that replaced the page), gives focus to the new page's heading instead of leaving it on <body>. A page that
   * moves focus itself (the composer of an opened chat) keeps it.
   */
  private afterNavigation(): void {
    this.routeAnnouncement.set(this.document.title.replace(/^\(\d+\) /, ''));
    const active = this.document.activeElement;
    if (active && active !== this.document.body) return;
    const main = this.main().nativeElement;
    const heading = main.querySelector<HTMLElement>('h1') ?? main;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }

  protected skipToContent(main: HTMLElement): void {
    main.focus();
  }

  protected signOut(): void {
    this.store.dispatch(AppShellActions.signOutClicked());
  }
}
