import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { find } from 'linkifyjs';

/** A piece of a message's text: plain, or a web address / e-mail address to link. */
export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

/** Splits text into plain parts and links (http(s) and bare domains become web links, addresses mailto:). */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const link of find(text)) {
    if (link.type !== 'url' && link.type !== 'email') continue;
    if (link.start > at) parts.push({ text: text.slice(at, link.start) });
    parts.push({ text: link.value, href: link.href });
    at = link.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

/** A message's text with its links clickable; never renders HTML from the message (only text bindings). */
@Component({
  selector: 'app-message-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'whitespace-pre-wrap' },
  template: `@for (part of parts(); track $index) {
    @if (part.href) {
      <a
        class="underline decoration-1 underline-offset-2 hover:decoration-2"
        [href]="part.href"
        target="_blank"
        rel="noopener noreferrer"
        >{{ part.text }}</a
      >
    } @else {
      <ng-container>{{ part.text }}</ng-container>
    }
  }`,
})
export class MessageText {
  readonly text = input.required<string>();
  protected readonly parts = computed(() => linkParts(this.text()));
}
