import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

interface IconShape {
  d: string;
  /** The path cuts holes (fill-rule evenodd). */
  evenOdd?: boolean;
  /** Drawn as a 24 px outline instead of a filled 20 px glyph. */
  outline?: boolean;
}

const ICONS = {
  back: {
    d: 'M11.8 4.2a.75.75 0 0 1 0 1.1L7.1 10l4.7 4.7a.75.75 0 1 1-1.1 1.1l-5.2-5.3a.75.75 0 0 1 0-1l5.2-5.3a.75.75 0 0 1 1.1 0',
    evenOdd: true,
  },
  close: {
    d: 'M6.3 5.2a.75.75 0 0 0-1.1 1.1L8.9 10l-3.7 3.7a.75.75 0 1 0 1.1 1.1L10 11.1l3.7 3.7a.75.75 0 1 0 1.1-1.1L11.1 10l3.7-3.7a.75.75 0 0 0-1.1-1.1L10 8.9z',
  },
  edit: {
    d: 'M13.6 3.2a2 2 0 0 1 2.8 0l.4.4a2 2 0 0 1 0 2.8l-8.5 8.5a1 1 0 0 1-.5.3l-3.5 1a.5.5 0 0 1-.6-.6l1-3.5a1 1 0 0 1 .3-.5z',
  },
  delete: {
    d: 'M8 2a1 1 0 0 0-1 1v1H4a.75.75 0 0 0 0 1.5h.3l.8 10.1A2 2 0 0 0 7.1 17.5h5.8a2 2 0 0 0 2-1.9l.8-10.1h.3a.75.75 0 0 0 0-1.5h-3V3a1 1 0 0 0-1-1zm3.5 2V3.5h-3V4z',
    evenOdd: true,
  },
  more: {
    d: 'M3 10a1.5 1.5 0 1 1 3 0 1.5 1.5 0 0 1-3 0m5.5 0a1.5 1.5 0 1 1 3 0 1.5 1.5 0 0 1-3 0m5.5 0a1.5 1.5 0 1 1 3 0 1.5 1.5 0 0 1-3 0',
  },
  attach: {
    d: 'M15.6 4.4a2.8 2.8 0 0 0-4 0L5.3 10.7a1.7 1.7 0 0 0 2.4 2.4l5.6-5.6a.75.75 0 1 1 1.1 1.1l-5.6 5.6a3.2 3.2 0 0 1-4.6-4.6l6.3-6.3a4.3 4.3 0 0 1 6.1 6.1l-6.3 6.3a.75.75 0 0 1-1.1-1.1l6.3-6.3a2.8 2.8 0 0 0 0-3.9',
    evenOdd: true,
  },
  send: {
    d: 'M3.1 2.3a.75.75 0 0 0-1 .9l1.7 5.9a1 1 0 0 0 .8.7l5.9.9c.3 0 .3.5 0 .5l-5.9.9a1 1 0 0 0-.8.7l-1.7 5.9a.75.75 0 0 0 1 .9 29 29 0 0 0 14.8-7.2.75.75 0 0 0 0-1.1A29 29 0 0 0 3.1 2.3',
  },
  'arrow-down': {
    d: 'M10 3a.75.75 0 0 1 .75.75v10.6l3.7-3.9a.75.75 0 1 1 1.1 1l-5 5.3a.75.75 0 0 1-1.1 0l-5-5.3a.75.75 0 1 1 1.1-1l3.7 3.9V3.75A.75.75 0 0 1 10 3',
    evenOdd: true,
  },
  person: {
    d: 'M10 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6m-6.5 6.5a1.2 1.2 0 0 0 .4 1.4A10 10 0 0 0 10 18a10 10 0 0 0 6.1-2.1 1.2 1.2 0 0 0 .4-1.4 7 7 0 0 0-13 0',
  },
  info: {
    d: 'M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16m.75-11.25a.75.75 0 1 1-1.5 0 .75.75 0 0 1 1.5 0M9.25 9.5a.75.75 0 0 1 1.5 0v4a.75.75 0 0 1-1.5 0z',
    evenOdd: true,
  },
  chat: {
    d: 'M8 10h8M8 14h5m-7 6 2.6-2.2a2 2 0 0 1 1.3-.5H18a3 3 0 0 0 3-3V7a3 3 0 0 0-3-3H6a3 3 0 0 0-3 3v7.3a3 3 0 0 0 3 3z',
    outline: true,
  },
  bell: {
    d: 'M14.9 17.1a3 3 0 0 1-5.8 0M18 9.5a6 6 0 0 0-12 0c0 4.3-1.5 6-2.3 6.8a.4.4 0 0 0 .3.7h16a.4.4 0 0 0 .3-.7C19.5 15.5 18 13.8 18 9.5',
    outline: true,
  },
  search: { d: 'm20 20-4.3-4.3M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13', outline: true },
  'bell-off': {
    d: 'M14.9 17.1a3 3 0 0 1-5.8 0M8.6 4.3A6 6 0 0 1 18 9.5c0 2.3.4 3.8 1 4.9M6.2 7.8A6 6 0 0 0 6 9.5c0 4.3-1.5 6-2.3 6.8a.4.4 0 0 0 .3.7H17M3 3l18 18',
    outline: true,
  },
  document: {
    d: 'M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zm0 0v5h5',
    outline: true,
  },
  download: { d: 'M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19.5h14', outline: true },
  mic: {
    d: 'M12 15a3 3 0 0 0 3-3V6a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3m-6-3.5a6 6 0 0 0 12 0M12 17.5V21m-3 0h6',
    outline: true,
  },
} satisfies Record<string, IconShape>;

export type IconName = keyof typeof ICONS;

/**
 * The app's icons, drawn in the current text colour and hidden from assistive tech (the control around one carries
 * the label). Used on the `<svg>` itself, so it lays out exactly like an inline SVG: `<svg appIcon="send" class="size-5">`.
 */
@Component({
  selector: 'svg[appIcon]',
  template: `<svg:path
    [attr.d]="shape().d"
    [attr.fill-rule]="shape().evenOdd ? 'evenodd' : null"
    [attr.clip-rule]="shape().evenOdd ? 'evenodd' : null"
    [attr.stroke-linecap]="shape().outline ? 'round' : null"
    [attr.stroke-linejoin]="shape().outline ? 'round' : null"
  />`,
  host: {
    'aria-hidden': 'true',
    '[attr.viewBox]': "shape().outline ? '0 0 24 24' : '0 0 20 20'",
    '[attr.fill]': "shape().outline ? 'none' : 'currentColor'",
    '[attr.stroke]': "shape().outline ? 'currentColor' : null",
    '[attr.stroke-width]': "shape().outline ? '1.75' : null",
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Icon {
  readonly name = input.required<IconName>({ alias: 'appIcon' });
  protected readonly shape = computed<IconShape>(() => ICONS[this.name()]);
}
