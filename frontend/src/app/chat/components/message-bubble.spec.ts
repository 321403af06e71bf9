import { LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';

import { buildChatMessage, ME } from '../../testing/chat-builders';
import { fakeEmojiPicker } from '../../testing/fake-emoji-picker';
import { ChatApi } from '../chat-api';
import type { ChatMessage } from '../chat-models';
import { MessageBubble } from './message-bubble';

async function setup(message: ChatMessage, mine = true) {
  const fixture = TestBed.createComponent(MessageBubble);
  fixture.componentRef.setInput('message', message);
  fixture.componentRef.setInput('mine', mine);
  fixture.componentRef.setInput('me', ME);
  const events: string[] = [];
  fixture.componentInstance.intent.subscribe((intent) =>
    events.push(
      intent.kind === 'edit'
        ? `edit ${intent.text}`
        : intent.kind === 'react'
          ? `react ${intent.emoji} ${intent.on ? 'on' : 'off'}`
          : intent.kind,
    ),
  );
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const button = (name: string) =>
    [...el.querySelectorAll('button')].find(
      (b) => b.getAttribute('aria-label') === name || b.textContent?.trim() === name,
    ) as HTMLButtonElement | undefined;
  const click = async (name: string) => {
    button(name)!.click();
    await fixture.whenStable();
  };
  return { fixture, el, button, click, events };
}

describe('MessageBubble', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [fakeEmojiPicker] }));
  const message = buildChatMessage({ senderId: ME, text: 'Hello', editedAt: '2026-03-02T10:01:00.000Z' });

  it('shows the text, the edited marker and, for my messages, reply, react, forward, edit, delete and delete for me in a menu', async () => {
    const { el, button, click } = await setup(message);
    expect(el.textContent).toContain('Hello');
    expect(el.textContent).toContain('(edited)');
    expect(button('Edit message')).toBeUndefined();
    const menuButton = button('Message actions')!;
    expect(menuButton.getAttribute('aria-haspopup')).toBe('menu');
    await click('Message actions');
    expect(menuButton.getAttribute('aria-expanded')).toBe('true');
    expect([...el.querySelectorAll('[role=menu] [role=menuitem]')].map((item) => item.textContent?.trim())).toEqual([
      'Reply',
      'React',
      'Forward',
      'Edit message',
      'Delete message',
      'Delete for me',
    ]);
  });

  it('moves through the menu with the arrow keys and closes it with Escape, back on its button', async () => {
    const { el, click, fixture, button } = await setup(message);
    await click('Message actions');
    const items = [...el.querySelectorAll<HTMLElement>('[role=menuitem]')];
    expect(document.activeElement).toBe(items[0]);
    items[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(document.activeElement).toBe(items[1]);
    items[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    expect(document.activeElement).toBe(items[items.length - 1]);
    items[items.length - 1].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(document.activeElement).toBe(items[0]);
    items[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await fixture.whenStable();
    expect(el.querySelector('[role=menu]')).toBeNull();
    expect(document.activeElement).toBe(button('Message actions'));
  });

  it('offers no edit or delete on the other person’s messages, and only delete for me on a tombstone', async () => {
    const items = async (bubble: Awaited<ReturnType<typeof setup>>) => {
      await bubble.click('Message actions');
      return [...bubble.el.querySelectorAll('[role=menu] [role=menuitem]')].map((item) => item.textContent?.trim());
    };
    expect(await items(await setup(message, false))).toEqual(['Reply', 'React', 'Forward', 'Delete for me']);
    const tombstone = await setup(
      buildChatMessage({ senderId: ME, text: undefined, deletedAt: '2026-03-02T11:00:00Z' }),
    );
    expect(tombstone.el.textContent).toContain('Message deleted');
    expect(await items(tombstone)).toEqual(['Delete for me']);
  });

  it('deletes for me only after a confirmation that says the others still see it', async () => {
    const { click, events, el } = await setup(message, false);
    await click('Message actions');
    await click('Delete for me');
    expect(events).toEqual([]);
    expect(el.textContent).toContain('Delete this message for you? Others still see it.');
    await click('Delete');
    expect(events).toEqual(['hide']);
  });

  it('opens the edit history from "(edited)": earlier versions, oldest first, then the text now', async () => {
    const api = { editHistory: jest.fn() };
    api.editHistory.mockReturnValue(
      of({
        messageId: message.id,
        versions: [
          { text: 'Helo', at: '2026-03-02T10:00:00.000Z' },
          { text: 'Hello?', at: '2026-03-02T10:00:30.000Z' },
        ],
      }),
    );
    TestBed.configureTestingModule({ providers: [{ provide: ChatApi, useValue: api }] });
    const { el, fixture } = await setup(message, false);
    const opener = [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === '(edited)')!;
    expect(opener.getAttribute('aria-haspopup')).toBe('dialog');
    expect(api.editHistory).not.toHaveBeenCalled();
    opener.click();
    await fixture.whenStable();
    expect(api.editHistory).toHaveBeenCalledWith(message.id);
    const dialog = el.querySelector('dialog')!;
    expect(dialog.getAttribute('aria-labelledby')).toBe('edit-history-title');
    expect([...dialog.querySelectorAll('[data-testid=edit-version]')].map((v) => v.textContent)).toEqual([
      expect.stringMatching(/Original.*Helo$/s),
      expect.stringMatching(/Earlier version.*Hello\?$/s),
      expect.stringMatching(/Now.*Hello$/s),
    ]);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Close');
    dialog.dispatchEvent(new Event('close'));
    await fixture.whenStable();
    expect(el.querySelector('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('edits in place: Enter saves, Escape cancels', async () => {
    const { el, click, events, fixture } = await setup(message);
    await click('Message actions');
    await click('Edit message');
    const editor = el.querySelector('textarea')!;
    editor.value = 'Hello!';
    editor.dispatchEvent(new Event('input'));
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await fixture.whenStable();
    expect(el.querySelector('textarea')).toBeNull();
    expect(events).toEqual([]);

    await click('Message actions');
    await click('Edit message');
    const again = el.querySelector('textarea')!;
    again.value = 'Hello!';
    again.dispatchEvent(new Event('input'));
    again.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await fixture.whenStable();
    expect(events).toEqual(['edit Hello!']);
  });

  it('deletes only after a confirmation', async () => {
    const { click, events, el } = await setup(message);
    await click('Message actions');
    await click('Delete message');
    expect(events).toEqual([]);
    expect(el.querySelector('[role=group]')?.getAttribute('aria-label')).toBe('Delete this message?');
    await click('Delete');
    expect(events).toEqual(['remove']);
  });

  it('shows pending and failed states, with Retry on a failed one', async () => {
    const pending = await setup(buildChatMessage({ id: '', senderId: ME, status: 'pending' }));
    expect(pending.el.textContent).toContain('Sending…');
    expect(pending.button('Message actions')).toBeUndefined();
    const failed = await setup(buildChatMessage({ id: '', senderId: ME, status: 'failed' }));
    expect(failed.el.textContent).toContain('Not sent');
    await failed.click('Retry');
    expect(failed.events).toEqual(['retry']);
  });

  it('shows "Media removed" instead of a picture whose sender erased their account, with the caption', async () => {
    const removed = buildChatMessage({ kind: 'image', text: 'look', mediaRemoved: true });
    const { el } = await setup(removed, false);
    expect(el.querySelector('[data-testid=media-removed]')?.textContent).toContain('Media removed');
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toContain('look');
  });

  it('shows a document as a card with its type, name, size and a Download link to the attachment', async () => {
    const media = { id: 'm1', kind: 'file' as const, mime: 'application/pdf', size: 2.5 * 1024 * 1024 };
    const pdf = buildChatMessage({
      kind: 'file',
      text: undefined,
      media: { ...media, name: 'Q3 report.pdf', url: '/api/media/m1' },
    });
    const { el } = await setup(pdf, false);
    const card = el.querySelector('[data-testid=file-card]')!;
    expect(card.textContent).toContain('Q3 report.pdf');
    expect(card.textContent).toContain('PDF document · 2.5 MB');
    const link = card.querySelector<HTMLAnchorElement>('a[data-testid=file-download]')!;
    expect(link.getAttribute('href')).toBe('/api/media/m1');
    expect(link.getAttribute('download')).toBe('Q3 report.pdf');
    expect(link.getAttribute('aria-label')).toBe('Download Q3 report.pdf');
  });

  it('plays audio inline with the browser’s controls, named after its sender', async () => {
    const media = { id: 'a1', kind: 'audio' as const, mime: 'audio/webm', size: 9000, url: '/api/media/a1' };
    const { el, fixture } = await setup(buildChatMessage({ kind: 'audio', text: undefined, media }), false);
    fixture.componentRef.setInput('senderName', 'Grace');
    await fixture.whenStable();
    const audio = el.querySelector('audio')!;
    expect(audio.controls).toBe(true);
    expect(audio.getAttribute('src')).toBe('/api/media/a1');
    expect(audio.getAttribute('aria-label')).toBe('Voice message from Grace');
  });

  it('words the receipt code under my last message', async () => {
    const { fixture, el } = await setup(buildChatMessage({ senderId: ME, text: 'Hi' }));
    fixture.componentRef.setInput('receipt', 'seen');
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=receipt]')?.textContent).toBe('Seen');
    fixture.componentRef.setInput('receipt', 'delivered');
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=receipt]')?.textContent).toBe('Delivered');
  });

  it('shows the time in the app’s language (LOCALE_ID), not the browser’s', async () => {
    TestBed.configureTestingModule({ providers: [{ provide: LOCALE_ID, useValue: 'de' }] });
    const createdAt = new Date(2026, 2, 2, 14, 5).toISOString();
    const { el } = await setup(buildChatMessage({ senderId: ME, text: 'Hallo', createdAt }));
    expect(el.querySelector('time')?.textContent).toBe('14:05');
  });

  it('asks to reply and forward from the menu, and toggles a reaction from the quick row', async () => {
    const { el, click, events, fixture } = await setup(
      buildChatMessage({ senderId: 'them', text: 'Hi', reactions: [{ emoji: '👍', userIds: [ME] }] }),
      false,
    );
    await click('Message actions');
    await click('Reply');
    expect(events.at(-1)).toBe('reply');
    await click('Message actions');
    await click('Forward');
    expect(events.at(-1)).toBe('forward');
    const mine = el.querySelector<HTMLButtonElement>('[data-testid=reaction]')!;
    expect(mine.getAttribute('aria-pressed')).toBe('true');
    mine.click();
    expect(events.at(-1)).toBe('react 👍 off');
    await click('Message actions');
    await click('React');
    await fixture.whenStable();
    const quick = [...el.querySelectorAll<HTMLButtonElement>('[data-testid=quick-reaction]')];
    expect(quick.map((b) => b.textContent?.trim())).toEqual(['👍', '❤️', '😂', '😮', '😢', '🙏']);
    quick[1].click();
    expect(events.at(-1)).toBe('react ❤️ on');
  });

  it('replies to a focused message with R, as its menu item says', async () => {
    const { el, button, events } = await setup(buildChatMessage({ senderId: 'them', text: 'Hi' }), false);
    const menuButton = button('Message actions')!;
    menuButton.focus();
    menuButton.dispatchEvent(new KeyboardEvent('keydown', { key: 'r', bubbles: true }));
    expect(events).toEqual(['reply']);
    menuButton.dispatchEvent(new KeyboardEvent('keydown', { key: 'r', ctrlKey: true, bubbles: true }));
    expect(events).toEqual(['reply']);
    menuButton.click();
    await new Promise((resolve) => setTimeout(resolve));
    expect(el.querySelector('[role=menuitem][aria-keyshortcuts=R]')?.textContent?.trim()).toBe('Reply');
  });
});
