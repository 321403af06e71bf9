import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  input,
  output,
  viewChild,
} from '@angular/core';

import { Button } from '../../shared/ui/button';
import { Icon } from '../../shared/ui/icon';

/**
 * A picture at full size in a modal dialog. The native <dialog> traps focus and closes on Escape; a click on the
 * backdrop closes it too. The opener gets focus back when `closed` fires (it owns the focus target).
 */
@Component({
  selector: 'app-media-lightbox',
  imports: [Button, Icon],
  template: `
    <!-- The click only catches the backdrop; the keyboard closes the native dialog with Escape. -->
    <!-- eslint-disable-next-line @angular-eslint/template/click-events-have-key-events, @angular-eslint/template/interactive-supports-focus -->
    <dialog
      #dialog
      aria-label="Photo"
      i18n-aria-label="@@chat.lightbox.label"
      class="m-auto max-h-none max-w-none bg-transparent p-0 backdrop:bg-black/85 open:flex"
      (close)="closed.emit()"
      (click)="onClick($event)"
    >
      <figure class="flex max-h-[95dvh] max-w-[95vw] flex-col items-center gap-2">
        <img
          [src]="src()"
          [alt]="alt()"
          [attr.width]="width() ?? null"
          [attr.height]="height() ?? null"
          class="block h-auto max-h-[85dvh] w-auto max-w-[95vw] rounded-lg object-contain shadow-2xl"
          data-testid="lightbox-image"
        />
        @if (caption()) {
          <figcaption class="max-w-prose text-center text-sm whitespace-pre-wrap text-white">
            {{ caption() }}
          </figcaption>
        }
      </figure>
      <button
        #close
        appButton
        type="button"
        size="icon"
        class="fixed top-3 right-3 bg-black/60 text-white shadow-none hover:bg-black/80 focus-visible:outline-white dark:bg-black/60 dark:hover:bg-black/80"
        aria-label="Close"
        i18n-aria-label="@@chat.lightbox.close"
        (click)="dialog.close()"
      >
        <svg appIcon="close" class="size-5"></svg>
      </button>
    </dialog>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaLightbox {
  readonly src = input.required<string>();
  readonly alt = input.required<string>();
  readonly caption = input<string | undefined>();
  readonly width = input<number | undefined>();
  readonly height = input<number | undefined>();
  readonly closed = output<void>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly closeButton = viewChild.required<string, ElementRef<HTMLButtonElement>>('close', {
    read: ElementRef,
  });

  constructor() {
    afterNextRender(() => {
      const dialog = this.dialog().nativeElement;
      // jsdom has no showModal; the open attribute is enough to render there.
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      this.closeButton().nativeElement.focus();
    });
  }

  close(): void {
    const dialog = this.dialog().nativeElement;
    if (typeof dialog.close === 'function') dialog.close();
    else this.closed.emit();
  }

  /** A click on the dialog itself (not the picture or the button) is a click on the backdrop. */
  protected onClick(event: MouseEvent): void {
    if (event.target === this.dialog().nativeElement) this.close();
  }
}
