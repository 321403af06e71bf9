import { DOCUMENT, inject, Injectable } from '@angular/core';

const PLAIN_ICON = 'favicon.svg';

/** The unread count drawn on the tab's icon, like the title's "(3)"; the plain icon when nothing is unread. */
@Injectable({ providedIn: 'root' })
export class FaviconBadge {
  private readonly document = inject(DOCUMENT);

  show(unread: number): void {
    const link = this.document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (!link) return;
    link.href = unread > 0 ? `data:image/svg+xml,${encodeURIComponent(badgedIcon(unread))}` : PLAIN_ICON;
  }
}

/** The app icon with a red badge in the corner: the count, or "9+" from 10 on (the icon is small). */
export function badgedIcon(unread: number): string {
  const label = unread > 9 ? '9+' : String(unread);
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
    '<rect width="32" height="32" rx="8" fill="#4f46e5"/>' +
    '<path d="M9 11.5A3.5 3.5 0 0 1 12.5 8h7A3.5 3.5 0 0 1 23 11.5v5a3.5 3.5 0 0 1-3.5 3.5H15l-4.2 3.4a.5.5 0 0 1-.8-.4V20a3.5 3.5 0 0 1-1-2.5z" fill="#fff"/>' +
    '<circle cx="23" cy="9" r="9" fill="#dc2626"/>' +
    `<text x="23" y="13" text-anchor="middle" font-family="system-ui,sans-serif" font-size="${label.length > 1 ? 10 : 12}" font-weight="700" fill="#fff">${label}</text>` +
    '</svg>'
  );
}
