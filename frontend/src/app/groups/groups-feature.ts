import type { PublicUser } from '@contracts/users';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';

import type { ApiError } from '../core/api/api-error';
import { AuthApiActions, AuthTabActions } from '../core/auth/auth-actions';
import { friendsFeature } from '../friends/friends-feature';
import {
  CreateGroupPageActions,
  GroupInfoPageActions,
  GroupsApiActions,
  type GroupTask,
  MemberPickerActions,
  memberTask,
} from './group-actions';

export interface PeopleSearchState {
  /** The trimmed query the results belong to; '' when not searching. */
  query: string;
  results: PublicUser[];
  loading: boolean;
  error: ApiError | null;
}

/** What the group pages have under way, the last failure (shown beside its control), and the picker's search. */
export interface GroupsState {
  pending: GroupTask[];
  error: { conversationId: string | null; task: GroupTask; error: ApiError } | null;
  /** 0..1 while a picture uploads. */
  uploadProgress: number | null;
  search: PeopleSearchState;
}

const initialSearch: PeopleSearchState = { query: '', results: [], loading: false, error: null };

export const initialGroupsState: GroupsState = {
  pending: [],
  error: null,
  uploadProgress: null,
  search: initialSearch,
};

const start = (state: GroupsState, task: GroupTask): GroupsState => ({
  ...state,
  pending: state.pending.includes(task) ? state.pending : [...state.pending, task],
  error: null,
  uploadProgress: task === 'picture' || task === 'create' ? null : state.uploadProgress,
});

const end = (state: GroupsState, task: GroupTask): GroupsState => ({
  ...state,
  pending: state.pending.filter((pending) => pending !== task),
  uploadProgress: task === 'picture' || task === 'create' ? null : state.uploadProgress,
});

export const groupsFeature = createFeature({
  name: 'groups',
  reducer: createReducer(
    initialGroupsState,
    on(CreateGroupPageActions.opened, GroupInfoPageActions.closed, (state): GroupsState => ({
      ...state,
      error: null,
      search: initialSearch,
    })),
    on(CreateGroupPageActions.submitted, (state): GroupsState => start(state, 'create')),
    on(GroupInfoPageActions.renameSubmitted, (state): GroupsState => start(state, 'name')),
    on(GroupInfoPageActions.pictureChosen, GroupInfoPageActions.pictureRemoved, (state): GroupsState =>
      start(state, 'picture'),
    ),
    on(GroupInfoPageActions.historySettingChanged, (state): GroupsState => start(state, 'history')),
    on(GroupInfoPageActions.membersAdded, (state): GroupsState => start(state, 'add')),
    on(GroupInfoPageActions.roleChosen, GroupInfoPageActions.removeConfirmed, (state, { userId }): GroupsState =>
      start(state, memberTask(userId)),
    ),
    on(GroupInfoPageActions.leaveConfirmed, (state): GroupsState => start(state, 'leave')),
    on(GroupsApiActions.pictureUploadProgressed, (state, { progress }): GroupsState => ({
      ...state,
      uploadProgress: progress,
    })),
    on(GroupsApiActions.created, (state): GroupsState => end(state, 'create')),
    on(GroupsApiActions.createdWithoutPicture, (state, { conversation, error }): GroupsState => ({
      ...end(state, 'create'),
      error: { conversationId: conversation.id, task: 'picture', error },
    })),
    on(GroupsApiActions.left, (state): GroupsState => end(state, 'leave')),
    on(GroupsApiActions.taskSucceeded, (state, { task }): GroupsState => end(state, task)),
    on(GroupsApiActions.taskFailed, (state, { conversationId, task, error }): GroupsState => ({
      ...end(state, task),
      error: { conversationId, task, error },
    })),

    // A late answer for an older query is dropped.
    on(MemberPickerActions.searchChanged, (state, { query }): GroupsState => {
      const trimmed = query.trim();
      if (trimmed === state.search.query) return state;
      return {
        ...state,
        search: trimmed ? { ...state.search, query: trimmed, loading: true, error: null } : initialSearch,
      };
    }),
    on(GroupsApiActions.peopleFound, (state, { query, users }): GroupsState =>
      query === state.search.query
        ? { ...state, search: { query, results: users, loading: false, error: null } }
        : state,
    ),
    on(GroupsApiActions.peopleSearchFailed, (state, { query, error }): GroupsState =>
      query === state.search.query ? { ...state, search: { ...state.search, loading: false, error } } : state,
    ),

    on(
      AuthApiActions.signedOut,
      AuthApiActions.sessionExpired,
      AuthTabActions.signedOutElsewhere,
      (): GroupsState => initialGroupsState,
    ),
  ),
  extraSelectors: ({ selectPending, selectSearch }) => ({
    selectIsPending: createSelector(selectPending, (pending) => (task: GroupTask) => pending.includes(task)),
    /**
     * Whom the picker offers: my friends whose name matches the query, then (DIRECT_MESSAGES=everyone) the other
     * people the directory search found, except people I blocked and automated or erased accounts.
     */
    selectCandidates: createSelector(
      friendsFeature.selectSortedFriends,
      friendsFeature.selectDirectMessages,
      friendsFeature.selectBlockedIds,
      selectSearch,
      (friends, directMessages, blockedIds, search): PublicUser[] => {
        const query = search.query.toLocaleLowerCase();
        const matching = query ? friends.filter((friend) => matches(friend, query)) : friends;
        if (directMessages !== 'everyone' || !query) return matching;
        const shown = new Set<string>([...matching.map((friend) => friend.id), ...(blockedIds as string[])]);
        return [...matching, ...search.results.filter((user) => !shown.has(user.id) && !user.service && !user.deleted)];
      },
    ),
  }),
});

function matches(user: PublicUser, query: string): boolean {
  return user.displayName.toLocaleLowerCase().includes(query) || user.username.toLocaleLowerCase().includes(query);
}
