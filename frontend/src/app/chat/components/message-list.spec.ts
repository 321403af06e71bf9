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
  it('shows the message once its history is there: marked, and focus on it', async () => {
    const target = buildChatMessage({ text: 'The one from the search' });
    const newer = Array.from({ length: 3 }, (_, i) => buildChatMessage({ text: `Newer ${i}` }));
    const fixture = TestBed.createComponent(MessageList);
    fixture.componentRef.setInput('conversationId', 'c');
    fixture.componentRef.setInput('me', ME);
    fixture.componentRef.setInput('focusTarget', { id: target.id });
    fixture.componentRef.setInput('messages', newer);
    await fixture.whenStable();
    const el: HTMLElement = fixture.nativeElement;
    expect(el.querySelector('[data-highlighted]')).toBeNull();

    fixture.componentRef.setInput('messages', [target, ...newer]);
    await fixture.whenStable();
    const marked = el.querySelector<HTMLElement>('[data-highlighted]');
    expect(marked?.dataset['messageId']).toBe(target.id);
    expect(marked?.textContent).toContain('The one from the search');
    expect(document.activeElement).toBe(marked);
  });

  it('away from the newest: loads newer ones, and "Jump to newest" counts what arrived and asks for the latest', async () => {
    const fixture = TestBed.createComponent(MessageList);
    const loadNewer = jest.fn();
    const jumpToLatest = jest.fn();
    fixture.componentInstance.loadNewer.subscribe(loadNewer);
    fixture.componentInstance.jumpToLatest.subscribe(jumpToLatest);
    fixture.componentRef.setInput('conversationId', 'c');
    fixture.componentRef.setInput('me', ME);
    fixture.componentRef.setInput('hasNewer', true);
    fixture.componentRef.setInput('arrivedAway', 3);
    fixture.componentRef.setInput('messages', [buildChatMessage({ text: 'Old' })]);
    await fixture.whenStable();
    // A window shorter than the list cannot be scrolled down: it fetches on by itself.
    expect(loadNewer).toHaveBeenCalled();

    const el: HTMLElement = fixture.nativeElement;
    const jump = el.querySelector<HTMLButtonElement>('[data-testid=jump-to-newest]')!;
    expect(jump.textContent).toContain('3 new messages');
    jump.click();
    expect(jumpToLatest).toHaveBeenCalledTimes(1);

    fixture.componentRef.setInput('hasNewer', false);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=jump-to-newest]')).toBeNull();
  });
});
