import type { UserUpdatedPayload } from '@contracts/socket-events';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

export const SocketActions = createActionGroup({
  source: 'Socket',
  events: {
    /** Connected, or connected again after a drop: features catch up on what they missed over REST. */
    Connected: emptyProps(),
    Disconnected: emptyProps(),
    /** A friend's profile changed, or my own account did (the payload then is my whole account view). */
    'User Updated': props<UserUpdatedPayload>(),
  },
});
