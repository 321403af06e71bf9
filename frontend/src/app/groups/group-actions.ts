import type { ConversationView, GroupRole } from '@contracts/messages';
import type { PublicUser } from '@contracts/users';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

import type { ApiError } from '../core/api/api-error';

/**
 * What a group page is doing, so its control shows progress and its errors show beside it: creating the group,
 * its name, picture or history setting, adding members, one member's role or removal, or leaving.
 */
export type GroupTask = 'create' | 'name' | 'picture' | 'history' | 'add' | 'leave' | `member:${string}`;

export const memberTask = (userId: string): GroupTask => `member:${userId}`;

export const CreateGroupPageActions = createActionGroup({
  source: 'Create Group Page',
  events: {
    Opened: emptyProps(),
    Submitted: props<{ name: string; userIds: string[]; picture: File | null; newMembersSeeHistory: boolean }>(),
  },
});

export const GroupInfoPageActions = createActionGroup({
  source: 'Group Info Page',
  events: {
    Closed: emptyProps(),
    'Rename Submitted': props<{ conversationId: string; name: string }>(),
    'Picture Chosen': props<{ conversationId: string; file: File }>(),
    'Picture Removed': props<{ conversationId: string }>(),
    'History Setting Changed': props<{ conversationId: string; newMembersSeeHistory: boolean }>(),
    'Members Added': props<{ conversationId: string; userIds: string[] }>(),
    'Role Chosen': props<{ conversationId: string; userId: string; role: GroupRole }>(),
    'Remove Confirmed': props<{ conversationId: string; userId: string }>(),
    'Leave Confirmed': props<{ conversationId: string; userId: string }>(),
  },
});

/** The people search of the member picker (create group, add members). */
export const MemberPickerActions = createActionGroup({
  source: 'Member Picker',
  events: {
    /** Every keystroke; the effect debounces. */
    'Search Changed': props<{ query: string }>(),
  },
});

export const GroupsApiActions = createActionGroup({
  source: 'Groups/API',
  events: {
    /**
     * A change of mine to a group was saved: the server's view of it replaces the one held (as `conversation:updated`
     * does, which follows), without opening it (`ConversationsApiActions.openSucceeded` opens the conversation).
     */
    Saved: props<{ conversation: ConversationView }>(),
    /** The group exists (with its picture, when one was chosen); its page opens. */
    Created: props<{ conversation: ConversationView }>(),
    /** The group exists but its picture could not be set: its info page opens with the error. */
    'Created Without Picture': props<{ conversation: ConversationView; error: ApiError }>(),
    /** I left the group: its conversation opens, read-only. */
    Left: props<{ conversationId: string }>(),
    'Task Succeeded': props<{ task: GroupTask }>(),
    'Task Failed': props<{ conversationId: string | null; task: GroupTask; error: ApiError }>(),
    'Picture Upload Progressed': props<{ progress: number }>(),
    'People Found': props<{ query: string; users: PublicUser[] }>(),
    'People Search Failed': props<{ query: string; error: ApiError }>(),
  },
});
