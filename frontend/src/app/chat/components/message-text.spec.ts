import { TestBed } from '@angular/core/testing';

import { linkParts, MessageText } from './message-text';

describe('MessageText', () => {
  async function render(text: string): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(MessageText);
    fixture.componentRef.setInput('text', text);
    await fixture.whenStable();
    return fixture.nativeElement;
  }

  it('links web and e-mail addresses, opening in a new tab without giving the page a handle', async () => {
    const el = await render('See https://example.com/a?b=1 or docs.example.org,\nmail ada@example.com.');
    const links = [...el.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['https://example.com/a?b=1', 'https://example.com/a?b=1'],
      ['docs.example.org', 'http://docs.example.org'],
      ['ada@example.com', 'mailto:ada@example.com'],
    ]);
    for (const a of links) {
      expect(a.target).toBe('_blank');
      expect(a.rel).toBe('noopener noreferrer');
    }
    expect(el.textContent).toBe('See https://example.com/a?b=1 or docs.example.org,\nmail ada@example.com.');
  });

  it('renders markup in a message as text, never as HTML', async () => {
    const el = await render('<img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>');
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelectorAll('a')).toHaveLength(0);
    expect(el.textContent).toBe('<img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>');
  });

  it('keeps plain text as one part', () => {
    expect(linkParts('just words')).toEqual([{ text: 'just words' }]);
    expect(linkParts('')).toEqual([]);
  });
});
