import type { FriendRequestView, FriendView } from '@contracts/friends';
import type {
  FriendRequestUpdatePayload,
  PresenceSnapshotPayload,
  PresenceUpdatePayload,
} from '@contracts/socket-events';
import { createActionGroup, props } from '@ngrx/store';

/** Server events about friends and presence, as the socket delivers them. */
export const FriendsSocketActions = createActionGroup({
  source: 'Friends/Socket',
  events: {
    'Presence Snapshot Received': props<PresenceSnapshotPayload>(),
    'Presence Updated': props<PresenceUpdatePayload>(),
    'Request Received': props<{ request: FriendRequestView }>(),
    'Request Updated': props<FriendRequestUpdatePayload>(),
    'Friend Added': props<{ user: FriendView }>(),
    'Friend Removed': props<{ userId: string }>(),
  },
});

/** The friends panel and profile cards: a person wants to chat with this friend (the chat feature opens it). */
export const FriendsPanelActions = createActionGroup({
  source: 'Friends Panel',
  events: {
    'Chat Requested': props<{ userId: string }>(),
  },
});
