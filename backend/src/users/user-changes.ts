import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';

/**
 * Ids of users whose profile, roles, address verification or settings just changed, for the socket broadcast that
 * keeps their friends and their own other tabs up to date (the presence module listens: it knows who sees whom).
 */
@Injectable()
export class UserChanges {
  private readonly changed = new Subject<string>();
  readonly changed$: Observable<string> = this.changed.asObservable();

  announce(userId: string): void {
    this.changed.next(userId);
  }
}
