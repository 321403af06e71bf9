import { ChangeDetectionStrategy, Component } from '@angular/core';

/** "or" on a line, between single sign-on and the password form. */
@Component({
  selector: 'app-or-divider',
  template: `<p
    class="my-5 flex items-center gap-3 text-xs text-zinc-500 uppercase before:h-px before:flex-1 before:bg-zinc-200 after:h-px after:flex-1 after:bg-zinc-200 dark:text-zinc-400 dark:before:bg-zinc-800 dark:after:bg-zinc-800"
    i18n="@@auth.orDivider"
  >
    or
  </p>`,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrDivider {}
