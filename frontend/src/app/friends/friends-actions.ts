import type { DirectMessagesMode } from '@contracts/auth';
import type { FriendRequestView, FriendView } from '@contracts/friends';
import type {
  FriendRequestUpdatePayload,
  PresenceSnapshotPayload,
  PresenceUpdatePayload,
} from '@contracts/socket-events';
import type { PublicUser } from '@contracts/users';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

import type { ApiError } from '../core/api/api-error';

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
    /** Every keystroke in the search box; the effect debounces. */
    'Search Changed': props<{ query: string }>(),
    'More Results Requested': emptyProps(),
    'Add Friend Clicked': props<{ userId: string }>(),
    'Accept Clicked': props<{ request: FriendRequestView }>(),
    'Decline Clicked': props<{ request: FriendRequestView }>(),
    'Cancel Request Clicked': props<{ request: FriendRequestView }>(),
    'Unfriend Confirmed': props<{ userId: string }>(),
    'Block Confirmed': props<{ user: PublicUser }>(),
    'Unblock Clicked': props<{ userId: string }>(),
    'Error Dismissed': emptyProps(),
    /** Loading the lists failed; try again. */
    'Retry Clicked': emptyProps(),
  },
});

export const FriendsApiActions = createActionGroup({
  source: 'Friends/API',
  events: {
    'Load Succeeded': props<{
      friends: FriendView[];
      incoming: FriendRequestView[];
      outgoing: FriendRequestView[];
      blocked: PublicUser[];
    }>(),
    'Load Failed': props<{ error: ApiError }>(),
    'Search Succeeded': props<{ query: string; users: PublicUser[]; nextCursor: string | null; append: boolean }>(),
    'Search Failed': props<{ query: string; error: ApiError }>(),
    /** Pending, or `accepted` when they had already asked me. */
    'Request Sent': props<{ request: FriendRequestView }>(),
    /** Accepted, declined or cancelled by me. */
    'Request Closed': props<{ request: FriendRequestView }>(),
    Unfriended: props<{ userId: string }>(),
    Blocked: props<{ user: PublicUser }>(),
    Unblocked: props<{ userId: string }>(),
    /** Whether people may message colleagues who are not their friends (GET /api/auth/providers). */
    'Directory Mode Loaded': props<{ directMessages: DirectMessagesMode }>(),
    /** A send, answer, unfriend or (un)block failed; `requestId` when it was about a request. */
    'Action Failed': props<{ userId: string; requestId?: string; error: ApiError }>(),
  },
});
