import type { Provider } from '@angular/core';

import { EMOJI_PICKER_ELEMENT } from '../chat/components/emoji-picker';

/** Stands in for emoji-picker-element (an ES module that needs IndexedDB): a search field and `emoji-click`. */
export class FakeEmojiPickerElement extends HTMLElement {
  static readonly created: FakeEmojiPickerElement[] = [];

  constructor(readonly options: unknown) {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<input type="search" aria-label="Search emoji" />';
    FakeEmojiPickerElement.created.push(this);
  }

  choose(unicode: string): void {
    this.dispatchEvent(new CustomEvent('emoji-click', { detail: { unicode } }));
  }
}

if (!customElements.get('fake-emoji-picker')) customElements.define('fake-emoji-picker', FakeEmojiPickerElement);

export const fakeEmojiPicker: Provider = {
  provide: EMOJI_PICKER_ELEMENT,
  useValue: () => Promise.resolve(FakeEmojiPickerElement),
};
