import { TestBed } from '@angular/core/testing';

import { BEN, buildChatMessage, GRACE, ME } from '../../testing/chat-builders';
import { MessageList } from './message-list';

describe('MessageList in a group', () => {
  const names: Record<string, string> = { [GRACE]: 'Grace Hopper', [BEN]: 'Ben Bitdiddle' };

  it('collapses a message from someone I blocked until I choose to see it', async () => {
    const fixture = TestBed.createComponent(MessageList);
    fixture.componentRef.setInput('conversationId', 'g');
    fixture.componentRef.setInput('group', true);
    fixture.componentRef.setInput('me', ME);
    fixture.componentRef.setInput('nameOf', (id: string) => names[id] ?? 'Someone');
    fixture.componentRef.setInput('blockedIds', new Set([BEN]));
    fixture.componentRef.setInput('messages', [
      buildChatMessage({ senderId: GRACE, text: 'From Grace' }),
      buildChatMessage({ senderId: BEN, text: 'From Ben' }),
      buildChatMessage({ senderId: BEN, text: 'Ben again' }),
    ]);
    await fixture.whenStable();
    const el: HTMLElement = fixture.nativeElement;
    const collapsed = () => [...el.querySelectorAll<HTMLElement>('[data-testid=blocked-message]')];

    expect(el.textContent).toContain('From Grace');
    expect(el.textContent).not.toContain('From Ben');
    expect(el.textContent).not.toContain('Ben again');
    expect(collapsed().map((line) => line.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Message from a blocked person Show',
      'Message from a blocked person Show',
    ]);

    // "Show" opens that one message only.
    collapsed()[0].querySelector('button')!.click();
    await fixture.whenStable();
    expect(el.textContent).toContain('From Ben');
    expect(el.textContent).not.toContain('Ben again');
    expect(collapsed()).toHaveLength(1);
  });
});

describe('MessageList opened at a message', () => {
  it('loads older pages until the message is there, then marks it and moves focus to it', async () => {
    const target = buildChatMessage({ text: 'The one from the search' });
    const newer = Array.from({ length: 3 }, (_, i) => buildChatMessage({ text: `Newer ${i}` }));
    const fixture = TestBed.createComponent(MessageList);
    const loadOlder = jest.fn();
    fixture.componentInstance.loadOlder.subscribe(loadOlder);
    fixture.componentRef.setInput('conversationId', 'c');
    fixture.componentRef.setInput('me', ME);
    fixture.componentRef.setInput('hasOlder', true);
    fixture.componentRef.setInput('focusMessageId', target.id);
    fixture.componentRef.setInput('messages', newer);
    await fixture.whenStable();
    expect(loadOlder).toHaveBeenCalled();

    fixture.componentRef.setInput('messages', [target, ...newer]);
    await fixture.whenStable();
    const el: HTMLElement = fixture.nativeElement;
    const marked = el.querySelector<HTMLElement>('[data-highlighted]');
    expect(marked?.dataset['messageId']).toBe(target.id);
    expect(marked?.textContent).toContain('The one from the search');
    expect(document.activeElement).toBe(marked);
  });
});
