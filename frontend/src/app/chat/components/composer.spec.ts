import { TestBed } from '@angular/core/testing';

import type { ComposedMessage } from '../chat-models';
import { Composer } from './composer';

async function setup() {
  const fixture = TestBed.createComponent(Composer);
  fixture.componentRef.setInput('conversationId', 'c1');
  fixture.componentRef.setInput('recipient', 'Grace Hopper');
  const sent: ComposedMessage[] = [];
  let typed = 0;
  fixture.componentInstance.send.subscribe((message) => sent.push(message));
  fixture.componentInstance.typed.subscribe(() => typed++);
  await fixture.whenStable();
  const el: HTMLElement = fixture.nativeElement;
  const box = el.querySelector('textarea')!;
  const type = async (value: string) => {
    box.value = value;
    box.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const key = async (key: string, init: KeyboardEventInit = {}) => {
    const event = new KeyboardEvent('keydown', { key, cancelable: true, ...init });
    box.dispatchEvent(event);
    await fixture.whenStable();
    return event;
  };
  return { fixture, el, box, type, key, sent, typed: () => typed };
}

describe('Composer', () => {
  it('is labelled and sends the trimmed text with Enter, then clears', async () => {
    const { el, box, type, key, sent, typed } = await setup();
    expect(el.querySelector('label[for=composer]')?.textContent).toContain('Message Grace Hopper');
    await type('  Hello there  ');
    expect(typed()).toBe(1);
    const enter = await key('Enter');
    expect(enter.defaultPrevented).toBe(true);
    expect(sent).toEqual([{ text: 'Hello there' }]);
    expect(box.value).toBe('');
  });

  it('keeps Shift+Enter for a new line and sends nothing blank', async () => {
    const { type, key, sent, el } = await setup();
    await type('line one');
    expect((await key('Enter', { shiftKey: true })).defaultPrevented).toBe(false);
    await type('   ');
    await key('Enter');
    expect(sent).toEqual([]);
    expect(el.querySelector<HTMLButtonElement>('button[aria-label="Send message"]')!.disabled).toBe(true);
  });

  it('shows a counter near the 4,000 character limit', async () => {
    const { type, el } = await setup();
    await type('x'.repeat(3000));
    expect(el.querySelector('#composer-counter')).toBeNull();
    await type('x'.repeat(3600));
    expect(el.querySelector('#composer-counter')?.textContent).toContain('3600 / 4000');
    expect(el.querySelector('textarea')!.maxLength).toBe(4000);
  });

  it('reports every change as the draft, and starts from the draft of the conversation it switches to', async () => {
    const { fixture, type, box } = await setup();
    const drafts: string[] = [];
    fixture.componentInstance.draftChanged.subscribe((text) => drafts.push(text));
    await type('draft for c1');
    expect(drafts).toEqual(['draft for c1']);
    fixture.componentRef.setInput('draft', 'draft for c2');
    fixture.componentRef.setInput('conversationId', 'c2');
    await fixture.whenStable();
    expect(box.value).toBe('draft for c2');
    fixture.componentRef.setInput('draft', '');
    fixture.componentRef.setInput('conversationId', 'c3');
    await fixture.whenStable();
    expect(box.value).toBe('');
  });

  it('says plainly why nobody can write here, and takes no input', async () => {
    const { fixture, el, box, sent, key } = await setup();
    fixture.componentRef.setInput('blocked', 'notFriends');
    await fixture.whenStable();
    const reason = el.querySelector('[data-testid=reply-blocked]')!;
    expect(reason.textContent).toContain(
      "You and Grace Hopper are not friends any more, so you can't send messages here",
    );
    expect(box.disabled).toBe(true);
    expect(box.getAttribute('aria-describedby')).toBe(reason.id);
    expect(el.querySelector<HTMLButtonElement>('button[aria-label="Send message"]')!.disabled).toBe(true);
    expect(el.querySelector<HTMLButtonElement>('button[aria-label="Attach a file"]')!.disabled).toBe(true);
    await key('Enter');
    expect(sent).toEqual([]);
  });

  describe('files', () => {
    beforeEach(() => {
      Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:local'), revokeObjectURL: jest.fn() });
    });

    it('previews a document with its name and size and sends it with the text', async () => {
      const { fixture, el, type, key, sent } = await setup();
      const pdf = new File([new Uint8Array(3 * 1024)], 'Report.pdf', { type: 'application/pdf' });
      fixture.componentInstance.attach(pdf);
      await fixture.whenStable();
      const preview = el.querySelector('[data-testid=attachment-preview]')!;
      expect(preview.textContent).toContain('Report.pdf');
      expect(preview.textContent).toContain('File, 3 KB');
      await type('For Monday');
      await key('Enter');
      expect(sent).toEqual([{ text: 'For Monday', attachment: { file: pdf, kind: 'file', previewUrl: 'blob:local' } }]);
    });

    it('sends a finished voice message at once and keeps the text typed so far', async () => {
      const { fixture, box, type, sent } = await setup();
      await type('draft');
      const recording = new File(['opus'], 'voice-message.webm', { type: 'audio/webm' });
      fixture.debugElement
        .query((node) => node.name === 'app-voice-recorder')
        .triggerEventHandler('recorded', recording);
      expect(sent).toEqual([{ text: '', attachment: { file: recording, kind: 'audio', previewUrl: 'blob:local' } }]);
      expect(box.value).toBe('draft');
    });
  });
});
