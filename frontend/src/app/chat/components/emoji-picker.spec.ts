import { LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { fakeEmojiPicker, FakeEmojiPickerElement } from '../../testing/fake-emoji-picker';
import { EmojiPicker } from './emoji-picker';

async function setup(locale: string) {
  TestBed.configureTestingModule({ providers: [fakeEmojiPicker, { provide: LOCALE_ID, useValue: locale }] });
  const fixture = TestBed.createComponent(EmojiPicker);
  const picked: string[] = [];
  fixture.componentInstance.picked.subscribe((emoji) => picked.push(emoji));
  document.body.append(fixture.nativeElement);
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return { fixture, picked, picker: FakeEmojiPickerElement.created.at(-1)! };
}

describe('EmojiPicker', () => {
  it('loads the emoji data we serve, in the app language, with our labels, and reports the emoji chosen', async () => {
    const { picker, picked } = await setup('de');
    expect(picker.options).toMatchObject({
      locale: 'de',
      dataSource: '/emoji/de/data.json',
      i18n: expect.objectContaining({ searchLabel: 'Search emoji', favoritesLabel: 'Frequently used' }),
    });
    expect(picker.shadowRoot!.activeElement).toBe(picker.shadowRoot!.querySelector('input'));
    picker.choose('🎉');
    expect(picked).toEqual(['🎉']);
  });

  it('serves English names to an English speaker', async () => {
    expect((await setup('en-US')).picker.options).toMatchObject({ locale: 'en', dataSource: '/emoji/en/data.json' });
  });

  it('asks to close on Escape', async () => {
    const { fixture, picker } = await setup('en-US');
    let closed = 0;
    fixture.componentInstance.closed.subscribe(() => closed++);
    picker.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(closed).toBe(1);
  });
});
