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
