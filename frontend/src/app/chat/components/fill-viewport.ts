import { afterNextRender, DestroyRef, Directive, DOCUMENT, ElementRef, inject, signal } from '@angular/core';

/** Never shorter than this: on a very small window the page scrolls instead of squeezing the chat. */
const MIN_HEIGHT_PX = 320;

/**
 * Sizes the element to the rest of the window below whatever sits above it (the app header, a notice banner that
 * comes and goes), less the padding of `<main>` under it, so the chat scrolls inside itself and the composer
 * stays on screen. Measured, because the height of what is above is not known to this page.
 */
@Directive({ selector: '[appFillViewport]', host: { '[style.height.px]': 'height()' } })
export class FillViewport {
  protected readonly height = signal<number | null>(null);

  constructor() {
    const element: HTMLElement = inject(ElementRef).nativeElement;
    const document = inject(DOCUMENT);
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const window = document.defaultView;
      if (!window) return;
      const measure = () => {
        const top = element.getBoundingClientRect().top + window.scrollY;
        const main = element.closest('main');
        const below =
          (main ? parseFloat(window.getComputedStyle(main).paddingBottom) || 0 : 0) +
          (parseFloat(window.getComputedStyle(element).marginBottom) || 0);
        this.height.set(Math.max(MIN_HEIGHT_PX, Math.floor(window.innerHeight - top - below)));
      };
      // The body resizes when a banner above appears or goes; the window when the person resizes it.
      const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
      observer?.observe(document.body);
      window.addEventListener('resize', measure);
      measure();
      destroyRef.onDestroy(() => {
        observer?.disconnect();
        window.removeEventListener('resize', measure);
      });
    });
  }
}
