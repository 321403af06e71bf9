import { HttpErrorResponse } from '@angular/common/http';
import type { Router } from '@angular/router';
import type { GroupRole, MediaView } from '@contracts/messages';
import type { Actions } from '@ngrx/effects';
import type { Action, Store } from '@ngrx/store';
import { type Observable, of, throwError } from 'rxjs';

import { ConversationsApiActions } from '../chat/state/chat-actions';
import type { MediaApi } from '../core/api/media-api';
import type { FriendsApi } from '../friends/friends-api';
import { buildErrorBody } from '../testing/builders';
import {
  CreateGroupPageActions,
  GroupInfoPageActions,
  GroupsApiActions,
  MemberPickerActions,
  memberTask,
} from './group-actions';
import type { GroupApi } from './group-api';
import * as effects from './group-effects';
import { ROLE_OF_ACTION } from './group-roles';
import { buildGroup, buildMember, GROUP } from './testing';

const actionsOf = (...actions: Action[]) => of(...actions) as Actions;

function collect(effect$: Observable<unknown>): unknown[] {
  const out: unknown[] = [];
  effect$.subscribe((value) => out.push(value));
  return out;
}

const httpError = (status: number, code: string, message: string) =>
  throwError(() => new HttpErrorResponse({ status, error: buildErrorBody(status, { code, message }) }));

const media: MediaView = { id: 'eeeeeeeeeeeeeeeeeeeeeeee', kind: 'image', mime: 'image/png', size: 10, url: '/m' };
const picture = new File(['png'], 'team.png', { type: 'image/png' });

describe('group effects: creating a group', () => {
  const owner = buildMember('owner');
  const ada = buildMember('member');
  const created = buildGroup([owner, ada]);
  const withPicture = { ...created, avatarUrl: '/api/media/e/avatar' };
  const submitted = (file: File | null) =>
    CreateGroupPageActions.submitted({
      name: 'Ops',
      userIds: [ada.userId],
      picture: file,
      newMembersSeeHistory: false,
    });

  it('creates the group with its name and members', () => {
    const groups = { create: jest.fn(() => of(created)) } as unknown as GroupApi;
    const out = collect(effects.create$(actionsOf(submitted(null)), groups, {} as MediaApi));
    expect(groups.create).toHaveBeenCalledWith('Ops', [ada.userId], false);
    expect(out).toEqual([GroupsApiActions.created({ conversation: created })]);
  });

  it('creates it letting members added later see earlier messages, when chosen', () => {
    const groups = { create: jest.fn(() => of(created)) } as unknown as GroupApi;
    const action = CreateGroupPageActions.submitted({
      name: 'Ops',
      userIds: [ada.userId],
      picture: null,
      newMembersSeeHistory: true,
    });
    collect(effects.create$(actionsOf(action), groups, {} as MediaApi));
    expect(groups.create).toHaveBeenCalledWith('Ops', [ada.userId], true);
  });

  it('then uploads the picture with its progress and makes it the group’s', () => {
    const groups = {
      create: jest.fn(() => of(created)),
      update: jest.fn(() => of(withPicture)),
    } as unknown as GroupApi;
    const api = {
      upload: jest.fn(() => of({ kind: 'progress', progress: 0.5 }, { kind: 'done', body: media })),
    } as unknown as MediaApi;
    const out = collect(effects.create$(actionsOf(submitted(picture)), groups, api));
    expect(api.upload).toHaveBeenCalledWith(picture);
    expect(groups.update).toHaveBeenCalledWith(GROUP, { avatar: media.id });
    expect(out).toEqual([
      GroupsApiActions.pictureUploadProgressed({ progress: 0.5 }),
      GroupsApiActions.created({ conversation: withPicture }),
    ]);
  });

  it('keeps the group when its picture fails, and says why', () => {
    const groups = { create: jest.fn(() => of(created)) } as unknown as GroupApi;
    const api = { upload: jest.fn(() => httpError(413, 'file_too_large', 'Too large')) } as unknown as MediaApi;
    const [action] = collect(effects.create$(actionsOf(submitted(picture)), groups, api));
    expect(action).toEqual(
      GroupsApiActions.createdWithoutPicture({
        conversation: created,
        error: expect.objectContaining({ code: 'file_too_large', message: 'This file is too large.' }),
      }),
    );
  });

  it('words a refusal in the person’s language', () => {
    const groups = {
      create: jest.fn(() => httpError(403, 'not_friends', 'You can only start a chat with a friend')),
    } as unknown as GroupApi;
    const [action] = collect(effects.create$(actionsOf(submitted(null)), groups, {} as MediaApi));
    expect(action).toEqual(
      GroupsApiActions.taskFailed({
        conversationId: null,
        task: 'create',
        error: expect.objectContaining({ message: 'You can only send messages to friends.' }),
      }),
    );
  });

  it('opens the new group (the chat feature puts it in the list and navigates to it)', () => {
    const out = collect(effects.openCreated$(actionsOf(GroupsApiActions.created({ conversation: created }))));
    expect(out).toEqual([ConversationsApiActions.openSucceeded({ conversation: created })]);
  });

  it('opens the info page of a new group whose picture failed, where the error shows', () => {
    const router = { navigate: jest.fn(() => Promise.resolve(true)) } as unknown as Router;
    const error = { status: 409, code: 'media_unavailable', message: 'x', fieldErrors: {} };
    const out = collect(
      effects.openCreatedWithoutPicture$(
        actionsOf(GroupsApiActions.createdWithoutPicture({ conversation: created, error })),
        router,
      ),
    );
    expect(out).toEqual([GroupsApiActions.saved({ conversation: created })]);
    expect(router.navigate).toHaveBeenCalledWith(['/c', GROUP, 'info']);
  });
});

describe('group effects: changing a group', () => {
  const owner = buildMember('owner');
  const ada = buildMember('member');
  const group = buildGroup([owner, ada]);

  it("applies the server's view of each change to the chat state", () => {
    const renamed = { ...group, name: 'Ops team' };
    const groups = { update: jest.fn(() => of(renamed)) } as unknown as GroupApi;
    const out = collect(
      effects.update$(
        actionsOf(
          GroupInfoPageActions.renameSubmitted({ conversationId: GROUP, name: 'Ops team' }),
          GroupInfoPageActions.historySettingChanged({ conversationId: GROUP, newMembersSeeHistory: true }),
        ),
        groups,
      ),
    );
    expect(groups.update).toHaveBeenNthCalledWith(1, GROUP, { name: 'Ops team' });
    expect(groups.update).toHaveBeenNthCalledWith(2, GROUP, { newMembersSeeHistory: true });
    expect(out).toEqual([
      GroupsApiActions.saved({ conversation: renamed }),
      GroupsApiActions.taskSucceeded({ task: 'name' }),
      GroupsApiActions.saved({ conversation: renamed }),
      GroupsApiActions.taskSucceeded({ task: 'history' }),
    ]);
  });

  it('makes a member admin, an admin a member again, and someone owner, each applied with the server’s view', () => {
    const withRole = (role: GroupRole) => buildGroup([owner, { ...ada, role }]);
    const groups = {
      setRole: jest.fn((_id: string, _userId: string, role: GroupRole) => of(withRole(role))),
    } as unknown as GroupApi;
    const chosen = (['makeAdmin', 'removeAdmin', 'makeOwner'] as const).map((action) =>
      GroupInfoPageActions.roleChosen({ conversationId: GROUP, userId: ada.userId, role: ROLE_OF_ACTION[action] }),
    );
    const out = collect(effects.setRole$(actionsOf(...chosen), groups));
    expect(jest.mocked(groups.setRole).mock.calls).toEqual([
      [GROUP, ada.userId, 'admin'],
      [GROUP, ada.userId, 'member'],
      [GROUP, ada.userId, 'owner'],
    ]);
    const task = memberTask(ada.userId);
    expect(out).toEqual(
      (['admin', 'member', 'owner'] as const).flatMap((role) => [
        GroupsApiActions.saved({ conversation: withRole(role) }),
        GroupsApiActions.taskSucceeded({ task }),
      ]),
    );
  });

  it('sets a role, reporting a refusal beside that member', () => {
    const groups = {
      setRole: jest.fn(() => httpError(403, 'not_group_admin', 'Only the group’s owners and admins may do that')),
    } as unknown as GroupApi;
    const [action] = collect(
      effects.setRole$(
        actionsOf(GroupInfoPageActions.roleChosen({ conversationId: GROUP, userId: ada.userId, role: 'admin' })),
        groups,
      ),
    );
    expect(groups.setRole).toHaveBeenCalledWith(GROUP, ada.userId, 'admin');
    expect(action).toEqual(
      GroupsApiActions.taskFailed({
        conversationId: GROUP,
        task: memberTask(ada.userId),
        error: expect.objectContaining({ message: "Only the group's owners and admins can do that." }),
      }),
    );
  });

  it('takes a removed member off the list at once (the socket brings the server’s view)', () => {
    const groups = { removeMember: jest.fn(() => of(undefined)) } as unknown as GroupApi;
    const store = { select: () => of({ [GROUP]: group }) } as unknown as Store;
    const out = collect(
      effects.removeMember$(
        actionsOf(GroupInfoPageActions.removeConfirmed({ conversationId: GROUP, userId: ada.userId })),
        groups,
        store,
      ),
    );
    expect(groups.removeMember).toHaveBeenCalledWith(GROUP, ada.userId);
    expect(out).toEqual([
      GroupsApiActions.saved({ conversation: { ...group, members: [owner] } }),
      GroupsApiActions.taskSucceeded({ task: memberTask(ada.userId) }),
    ]);
  });

  it('leaves the group and opens its conversation, now read-only', () => {
    const groups = { removeMember: jest.fn(() => of(undefined)) } as unknown as GroupApi;
    const router = { navigate: jest.fn(() => Promise.resolve(true)) } as unknown as Router;
    const out = collect(
      effects.leave$(
        actionsOf(GroupInfoPageActions.leaveConfirmed({ conversationId: GROUP, userId: owner.userId })),
        groups,
        router,
      ),
    );
    expect(groups.removeMember).toHaveBeenCalledWith(GROUP, owner.userId);
    expect(router.navigate).toHaveBeenCalledWith(['/c', GROUP]);
    expect(out).toEqual([GroupsApiActions.left({ conversationId: GROUP })]);
  });
});

describe('group effects: finding people', () => {
  it('searches the directory only where anyone may be messaged', () => {
    const found = [buildMember('member').user];
    const api = { search: jest.fn(() => of({ items: found, nextCursor: null })) } as unknown as FriendsApi;
    const run = (directMessages: 'friends' | 'everyone') => {
      const store = { select: () => of(directMessages) } as unknown as Store;
      // The actions end at once, so the debounce lets the last query through without waiting.
      return collect(
        effects.searchPeople$(actionsOf(MemberPickerActions.searchChanged({ query: ' ada ' })), store, api),
      );
    };
    expect(run('friends')).toEqual([GroupsApiActions.peopleFound({ query: 'ada', users: [] })]);
    expect(api.search).not.toHaveBeenCalled();
    expect(run('everyone')).toEqual([GroupsApiActions.peopleFound({ query: 'ada', users: found })]);
    expect(api.search).toHaveBeenCalledWith('ada');
  });
});
