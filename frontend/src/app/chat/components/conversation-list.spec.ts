import { TestBed } from '@angular/core/testing';

import { ConversationList } from './conversation-list';

async function emptyList(messageAnyone: boolean) {
  const fixture = TestBed.createComponent(ConversationList);
  fixture.componentRef.setInput('conversations', []);
  fixture.componentRef.setInput('messageAnyone', messageAnyone);
  let findClicks = 0;
  fixture.componentInstance.findFriends.subscribe(() => findClicks++);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const text = () => el.textContent?.replace(/\s+/g, ' ') ?? '';
  return { el, text, findClicks: () => findClicks };
}

describe('ConversationList', () => {
  it('says, when empty, that chats start with friends (DIRECT_MESSAGES=friends)', async () => {
    const { el, text, findClicks } = await emptyList(false);
    expect(text()).toContain('Once you and your colleagues are friends');
    el.querySelector('button')!.click();
    expect(el.querySelector('button')!.textContent?.trim()).toBe('Find friends');
    expect(findClicks()).toBe(1);
  });

  it('says, when empty, that anyone can be messaged (DIRECT_MESSAGES=everyone)', async () => {
    const { el, text } = await emptyList(true);
    expect(text()).toContain('Find a colleague by name in the Friends tab and send them a message.');
    expect(text()).not.toContain('are friends');
    expect(el.querySelector('button')!.textContent?.trim()).toBe('Find people');
  });
});
