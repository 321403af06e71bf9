import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  input,
  output,
  viewChild,
} from '@angular/core';

/**
 * A picture at full size in a modal dialog. The native <dialog> traps focus and closes on Escape; a click on the
 * backdrop closes it too. The opener gets focus back when `closed` fires (it owns the focus target).
 */
@Component({
  selector: 'app-media-lightbox',
  template: `
    <dialog
      #dialog
      aria-label="Photo"
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
        type="button"
        aria-label="Close"
        class="fixed top-3 right-3 inline-flex size-10 cursor-pointer items-center justify-center rounded-full bg-black/60 text-white hover:bg-black/80 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
        (click)="dialog.close()"
      >
        <svg viewBox="0 0 20 20" class="size-5" fill="currentColor" aria-hidden="true">
          <path
            d="M6.3 5.2a.75.75 0 0 0-1.1 1.1L8.9 10l-3.7 3.7a.75.75 0 1 0 1.1 1.1L10 11.1l3.7 3.7a.75.75 0 1 0 1.1-1.1L11.1 10l3.7-3.7a.75.75 0 0 0-1.1-1.1L10 8.9z"
          />
        </svg>
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
  private readonly closeButton = viewChild.required<ElementRef<HTMLButtonElement>>('close');

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
