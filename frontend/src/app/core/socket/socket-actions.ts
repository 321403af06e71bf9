import { createActionGroup, emptyProps } from '@ngrx/store';

export const SocketActions = createActionGroup({
  source: 'Socket',
  events: {
    /** Connected, or connected again after a drop: features catch up on what they missed over REST. */
    Connected: emptyProps(),
    Disconnected: emptyProps(),
  },
});
