import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  inject,
  InjectionToken,
  LOCALE_ID,
  output,
  viewChild,
} from '@angular/core';
import type Picker from 'emoji-picker-element/picker';
import type { PickerConstructorOptions } from 'emoji-picker-element/shared';

import { emojiPickerText } from './emoji-picker-text';

type PickerClass = new (options: PickerConstructorOptions) => HTMLElement;

/** Loads the picker's custom element on first use (it stays out of the main bundle). */
export const EMOJI_PICKER_ELEMENT = new InjectionToken<() => Promise<PickerClass>>('EMOJI_PICKER_ELEMENT', {
  providedIn: 'root',
  factory: () => () => import('emoji-picker-element/picker').then((module) => module.default as typeof Picker),
});

/**
 * The emoji data we serve ourselves (angular.json copies it from emoji-picker-element-data): no CDN, which many sites
 * cannot reach. German gets the CLDR names (what German speakers search for), English emojibase's.
 */
function dataFor(locale: string): Pick<PickerConstructorOptions, 'locale' | 'dataSource'> {
  return locale.startsWith('de')
    ? { locale: 'de', dataSource: '/emoji/de/data.json' }
    : { locale: 'en', dataSource: '/emoji/en/data.json' };
}

/**
 * Every emoji, searchable by name, with the ones used most often first (emoji-picker-element keeps those in this
 * browser). Focus goes to its search field; Escape asks to close it.
 */
@Component({
  selector: 'app-emoji-picker',
  template: `<div #slot class="contents"></div>`,
  // As tall as the element (styles.css) before it has loaded, so whoever opens it can scroll it into view at once.
  host: {
    class: 'block h-80',
    '(keydown.escape)': 'onEscape($event)',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmojiPicker {
  readonly picked = output<string>();
  readonly closed = output<void>();

  private readonly slot = viewChild.required<ElementRef<HTMLElement>>('slot');
  private readonly locale = inject(LOCALE_ID);
  private readonly load = inject(EMOJI_PICKER_ELEMENT);
  private gone = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => (this.gone = true));
    void this.mount();
  }

  protected onEscape(event: Event): void {
    event.preventDefault();
    event.stopPropagation();
    this.closed.emit();
  }

  private async mount(): Promise<void> {
    const PickerElement = await this.load();
    if (this.gone) return;
    const picker = new PickerElement({ ...dataFor(this.locale), i18n: emojiPickerText() });
    picker.classList.add('app-emoji-picker');
    picker.addEventListener('emoji-click', (event) => {
      const unicode = (event as CustomEvent<{ unicode?: string }>).detail.unicode;
      if (unicode) this.picked.emit(unicode);
    });
    this.slot().nativeElement.append(picker);
    await this.focusSearch(picker);
  }

  /** The search field appears once the element has rendered its shadow tree. */
  private async focusSearch(picker: HTMLElement): Promise<void> {
    for (let frame = 0; frame < 60 && !this.gone; frame++) {
      const search = picker.shadowRoot?.querySelector<HTMLInputElement>('input[type=search]');
      if (search) {
        // Already in view (its opener reveals it); a scrolling focus would also shift the page's clipped containers.
        search.focus({ preventScroll: true });
        return;
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }
}
