import { inject, Injectable } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';

export const APP_NAME = 'Portal Chat';

/** "Profile · Portal Chat": each route's `title` plus the product name, after "(3) " while messages wait unread. */
@Injectable({ providedIn: 'root' })
export class PageTitle extends TitleStrategy {
  private readonly title = inject(Title);
  private page: string | undefined;
  private unread = 0;

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.page = this.buildTitle(snapshot);
    this.render();
  }

  /** Set by the chat feature; 0 removes the count. */
  setUnread(count: number): void {
    this.unread = count;
    this.render();
  }

  private render(): void {
    const title = this.page ? `${this.page} · ${APP_NAME}` : APP_NAME;
    this.title.setTitle(this.unread > 0 ? `(${this.unread}) ${title}` : title);
  }
}
