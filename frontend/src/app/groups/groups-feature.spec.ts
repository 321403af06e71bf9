import type { PublicUser } from '@contracts/users';

import { conversationsFeature, initialConversationsState } from '../chat/state/conversations-feature';
import { friendsAdapter, type FriendsState, initialFriendsState } from '../friends/friends-feature';
import { buildFriend, buildPublicUser } from '../testing/friends-builders';
import { GroupInfoPageActions, GroupsApiActions, MemberPickerActions, memberTask } from './group-actions';
import { groupsFeature, type GroupsState, initialGroupsState } from './groups-feature';
import { buildGroup, GROUP } from './testing';

const reduce = (state: GroupsState, ...actions: Parameters<typeof groupsFeature.reducer>[1][]) =>
  actions.reduce(groupsFeature.reducer, state);

describe('a saved group change in the chat state', () => {
  it("replaces the group held with the server's view", () => {
    const group = buildGroup([]);
    const before = conversationsFeature.reducer(
      initialConversationsState,
      GroupsApiActions.saved({ conversation: group }),
    );
    const after = conversationsFeature.reducer(
      before,
      GroupsApiActions.saved({ conversation: { ...group, name: 'Ops 2' } }),
    );
    expect(after.entities[GROUP]?.name).toBe('Ops 2');
  });
});

describe('groupsFeature', () => {
  const ada = buildFriend({ displayName: 'Ada Lovelace', username: 'ada' });
  const grace = buildFriend({ displayName: 'Grace Hopper', username: 'grace', online: true });
  const blocked = buildPublicUser({ displayName: 'Adam Blocked', username: 'adam' });

  function candidates(directMessages: FriendsState['directMessages'], query: string, results: PublicUser[] = []) {
    const friends: FriendsState = {
      ...friendsAdapter.setAll([ada, grace], initialFriendsState),
      directMessages,
      blocked: { ids: [blocked.id], entities: { [blocked.id]: blocked } },
    };
    const groups = reduce(
      initialGroupsState,
      MemberPickerActions.searchChanged({ query }),
      GroupsApiActions.peopleFound({ query: query.trim(), users: results }),
    );
    return groupsFeature.selectCandidates({ friends, groups });
  }

  it('offers my friends (online first) and narrows them by name or username', () => {
    expect(candidates('friends', '')).toEqual([grace, ada]);
    expect(candidates('friends', 'ADA')).toEqual([ada]);
    expect(candidates('friends', ' grace ')).toEqual([grace]);
  });

  it('adds the people the directory search found in directory mode, without friends twice, blocked or automated people', () => {
    const colleague = buildPublicUser({ displayName: 'Adele Colleague' });
    const bot = buildPublicUser({ displayName: 'Ada Bot', service: true });
    expect(candidates('everyone', 'ad', [ada, colleague, blocked, bot])).toEqual([ada, colleague]);
    // Among friends only, the search is not used.
    expect(candidates('friends', 'ad', [colleague])).toEqual([ada]);
  });

  it('drops search results for a query that was typed over', () => {
    const state = reduce(
      initialGroupsState,
      MemberPickerActions.searchChanged({ query: 'ad' }),
      MemberPickerActions.searchChanged({ query: 'ada' }),
      GroupsApiActions.peopleFound({ query: 'ad', users: [ada] }),
    );
    expect(state.search).toEqual({ query: 'ada', results: [], loading: true, error: null });
  });

  it("tracks a member's action until it is done, and keeps a failure with the group it belongs to", () => {
    const task = memberTask(ada.id);
    const started = reduce(
      initialGroupsState,
      GroupInfoPageActions.roleChosen({ conversationId: GROUP, userId: ada.id, role: 'admin' }),
    );
    expect(groupsFeature.selectIsPending.projector(started.pending)(task)).toBe(true);
    const error = { status: 403, code: 'not_group_admin', message: 'Only…', fieldErrors: {} };
    const failed = reduce(started, GroupsApiActions.taskFailed({ conversationId: GROUP, task, error }));
    expect(failed.pending).toEqual([]);
    expect(failed.error).toEqual({ conversationId: GROUP, task, error });
    // The next attempt clears it.
    expect(reduce(failed, GroupInfoPageActions.renameSubmitted({ conversationId: GROUP, name: 'x' })).error).toBeNull();
  });

  it("ends a member's action when it succeeds", () => {
    const task = memberTask(ada.id);
    const state = reduce(
      initialGroupsState,
      GroupInfoPageActions.roleChosen({ conversationId: GROUP, userId: ada.id, role: 'owner' }),
      GroupsApiActions.taskSucceeded({ task }),
    );
    expect(groupsFeature.selectIsPending.projector(state.pending)(task)).toBe(false);
    expect(state.error).toBeNull();
  });

  it('opens the info page of a group whose picture failed with that error', () => {
    const error = { status: 409, code: 'media_unavailable', message: 'No', fieldErrors: {} };
    const state = reduce(
      { ...initialGroupsState, pending: ['create'], uploadProgress: 0.5 },
      GroupsApiActions.createdWithoutPicture({ conversation: buildGroup([]), error }),
    );
    expect(state).toEqual({ ...initialGroupsState, error: { conversationId: GROUP, task: 'picture', error } });
  });
});
