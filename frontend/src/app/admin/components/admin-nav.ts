import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';

/** The admin console's pages. */
@Component({
  selector: 'app-admin-nav',
  imports: [RouterLink, RouterLinkActive],
  template: `
    <nav aria-label="Admin" i18n-aria-label="@@admin.nav" class="flex flex-wrap gap-x-1 gap-y-1 text-sm">
      @for (page of pages; track page.path) {
        <a
          [routerLink]="page.path"
          routerLinkActive="bg-zinc-200/70 text-zinc-900 dark:bg-zinc-800 dark:text-white"
          ariaCurrentWhenActive="page"
          [routerLinkActiveOptions]="{ exact: true }"
          class="rounded-lg px-2.5 py-1.5 font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white"
          >{{ page.label }}</a
        >
      }
    </nav>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminNav {
  protected readonly pages = [
    { path: '/admin', label: $localize`:@@admin.nav.overview:Overview` },
    { path: '/admin/tokens', label: $localize`:@@route.adminTokens:Service tokens` },
    { path: '/admin/webhooks', label: $localize`:@@route.adminWebhooks:Webhooks` },
    { path: '/admin/compliance', label: $localize`:@@route.adminCompliance:Compliance` },
  ];
}
