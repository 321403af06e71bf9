import { TestBed } from '@angular/core/testing';
import type { ReactionView } from '@contracts/messages';

import { fakeEmojiPicker, FakeEmojiPickerElement } from '../../testing/fake-emoji-picker';
import { ReactionBar, reactorsText } from './reaction-bar';

const names: Record<string, string> = { ada: 'Ada', ben: 'Ben', cy: 'Cy', dee: 'Dee', eve: 'Eve' };

async function setup(reactions: ReactionView[]) {
  TestBed.configureTestingModule({ providers: [fakeEmojiPicker] });
  const fixture = TestBed.createComponent(ReactionBar);
  fixture.componentRef.setInput('reactions', reactions);
  fixture.componentRef.setInput('me', 'me');
  fixture.componentRef.setInput('nameOf', (id: string) => names[id] ?? '');
  const toggles: string[] = [];
  fixture.componentInstance.toggled.subscribe(({ emoji, on }) => toggles.push(`${emoji} ${on ? 'on' : 'off'}`));
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  document.body.append(el);
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { fixture, el, toggles, settle };
}

describe('reactorsText', () => {
  it('names up to three people and counts the rest', () => {
    expect(reactorsText(['Ada'])).toBe('Ada');
    expect(reactorsText(['Ada', 'Ben'])).toBe('Ada and Ben');
    expect(reactorsText(['You', 'Ada', 'Ben'])).toBe('You, Ada and Ben');
    expect(reactorsText(['Ada', 'Ben', 'Cy', 'Dee', 'Eve'])).toBe('Ada, Ben and 3 others');
  });
});

describe('ReactionBar', () => {
  it('shows a chip per emoji with its count, pressed when mine, named by who reacted (me first)', async () => {
    const { el, toggles } = await setup([
      { emoji: '👍', userIds: ['ada', 'me', 'ben', 'cy', 'dee'] },
      { emoji: '🎉', userIds: ['eve'] },
    ]);
    const chips = [...el.querySelectorAll<HTMLButtonElement>('[data-testid=reaction]')];
    expect(chips.map((chip) => chip.textContent?.replace(/\s+/g, ''))).toEqual(['👍5', '🎉1']);
    expect(chips.map((chip) => chip.getAttribute('aria-pressed'))).toEqual(['true', 'false']);
    expect(chips[0].getAttribute('aria-label')).toBe('👍 5 by You, Ada and 3 others');
    expect(chips[0].title).toBe('👍 5 by You, Ada and 3 others');
    expect(chips[1].getAttribute('aria-label')).toBe('🎉 1 by Eve');
    chips[0].click();
    chips[1].click();
    expect(toggles).toEqual(['👍 off', '🎉 on']);
  });

  it('opens the quick row and the picker from +, focuses its search, and closes on Escape back on +', async () => {
    const { el, toggles, settle } = await setup([{ emoji: '👍', userIds: ['ada'] }]);
    const add = el.querySelector<HTMLButtonElement>('[data-testid=add-reaction]')!;
    expect(add.getAttribute('aria-expanded')).toBe('false');
    add.focus();
    add.click();
    await settle();
    expect(add.getAttribute('aria-expanded')).toBe('true');
    const picker = FakeEmojiPickerElement.created.at(-1)!;
    expect(el.contains(picker)).toBe(true);
    expect(picker.shadowRoot!.activeElement).toBe(picker.shadowRoot!.querySelector('input'));
    picker
      .shadowRoot!.querySelector('input')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await settle();
    expect(el.querySelector('[data-testid=reaction-picker]')).toBeNull();
    expect(document.activeElement).toBe(add);
    expect(toggles).toEqual([]);
  });

  it('reacts with an emoji chosen in the picker or the quick row, and takes mine back when chosen again', async () => {
    const { el, toggles, settle } = await setup([{ emoji: '👍', userIds: ['me'] }]);
    el.querySelector<HTMLButtonElement>('[data-testid=add-reaction]')!.click();
    await settle();
    FakeEmojiPickerElement.created.at(-1)!.choose('🦄');
    await settle();
    expect(el.querySelector('[data-testid=reaction-picker]')).toBeNull();
    el.querySelector<HTMLButtonElement>('[data-testid=add-reaction]')!.click();
    await settle();
    el.querySelector<HTMLButtonElement>('[data-testid=quick-reaction]')!.click();
    expect(toggles).toEqual(['🦄 on', '👍 off']);
  });
});
