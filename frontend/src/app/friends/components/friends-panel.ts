import { ChangeDetectionStrategy, Component } from '@angular/core';

/** The friends panel (search, requests, friends with presence). Being built: see the friends feature. */
@Component({
  selector: 'app-friends-panel',
  template: `<section aria-label="Friends"></section>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FriendsPanel {}
