import { inject } from '@angular/core';
import { Router } from '@angular/router';
import type { ConversationView } from '@contracts/messages';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import {
  catchError,
  concatMap,
  debounceTime,
  exhaustMap,
  map,
  mergeMap,
  type Observable,
  of,
  type OperatorFunction,
  switchMap,
  tap,
  withLatestFrom,
} from 'rxjs';

import { ConversationsApiActions } from '../chat/state/chat-actions';
import { conversationsFeature } from '../chat/state/conversations-feature';
import { toApiError } from '../core/api/api-error';
import { MediaApi, type UploadEvent } from '../core/api/media-api';
import { FriendsApi } from '../friends/friends-api';
import { friendsFeature } from '../friends/friends-feature';
import {
  CreateGroupPageActions,
  GroupInfoPageActions,
  GroupsApiActions,
  type GroupTask,
  MemberPickerActions,
  memberTask,
} from './group-actions';
import { GroupApi, type GroupChanges } from './group-api';

const SEARCH_DEBOUNCE_MS = 250;

/** The server's view of the group goes to the chat state (which the pages read), and the task is done. */
const applied = (task: GroupTask) => (conversation: ConversationView) => [
  GroupsApiActions.saved({ conversation }),
  GroupsApiActions.taskSucceeded({ task }),
];

/** The task failed: its control is enabled again and shows why. */
function failed<T>(
  conversationId: string | null,
  task: GroupTask,
): OperatorFunction<T, T | ReturnType<typeof GroupsApiActions.taskFailed>> {
  return catchError((error: unknown) =>
    of(GroupsApiActions.taskFailed({ conversationId, task, error: toApiError(error) })),
  );
}

/** Uploads the picture (reporting progress) and makes it the group's; the last event carries the group's view. */
function setPicture(
  groups: GroupApi,
  media: MediaApi,
  conversationId: string,
  file: File,
): Observable<UploadEvent<ConversationView>> {
  return media
    .upload(file)
    .pipe(
      concatMap((event) =>
        event.kind === 'progress'
          ? of(event)
          : groups
              .update(conversationId, { avatar: event.body.id })
              .pipe(map((body) => ({ kind: 'done' as const, body }))),
      ),
    );
}

// exhaustMap: a second Create while the first is under way would make a second group.
export const create$ = createEffect(
  (actions$ = inject(Actions), groups = inject(GroupApi), media = inject(MediaApi)) => {
    return actions$.pipe(
      ofType(CreateGroupPageActions.submitted),
      exhaustMap(({ name, userIds, picture, newMembersSeeHistory }) =>
        groups.create(name, userIds, newMembersSeeHistory).pipe(
          switchMap((group) =>
            picture
              ? setPicture(groups, media, group.id, picture).pipe(
                  map((event) =>
                    event.kind === 'progress'
                      ? GroupsApiActions.pictureUploadProgressed({ progress: event.progress })
                      : GroupsApiActions.created({ conversation: event.body }),
                  ),
                  catchError((error: unknown) =>
                    of(GroupsApiActions.createdWithoutPicture({ conversation: group, error: toApiError(error) })),
                  ),
                )
              : of(GroupsApiActions.created({ conversation: group })),
          ),
          failed(null, 'create'),
        ),
      ),
    );
  },
  { functional: true },
);

/** A new group joins the chat list and its conversation opens. */
export const openCreated$ = createEffect(
  (actions$ = inject(Actions)) => {
    return actions$.pipe(
      ofType(GroupsApiActions.created),
      map(({ conversation }) => ConversationsApiActions.openSucceeded({ conversation })),
    );
  },
  { functional: true },
);

/** A new group whose picture went wrong joins the chat list, and its info page opens to say so. */
export const openCreatedWithoutPicture$ = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) => {
    return actions$.pipe(
      ofType(GroupsApiActions.createdWithoutPicture),
      tap(({ conversation }) => void router.navigate(['/c', conversation.id, 'info'])),
      map(({ conversation }) => GroupsApiActions.saved({ conversation })),
    );
  },
  { functional: true },
);

// concatMap: changes apply in the order they were made, so the last one wins on the server as it does on screen.
export const update$ = createEffect(
  (actions$ = inject(Actions), groups = inject(GroupApi)) => {
    return actions$.pipe(
      ofType(GroupInfoPageActions.renameSubmitted, GroupInfoPageActions.historySettingChanged),
      concatMap((action) => {
        const [task, changes]: [GroupTask, GroupChanges] =
          action.type === GroupInfoPageActions.renameSubmitted.type
            ? ['name', { name: action.name }]
            : ['history', { newMembersSeeHistory: action.newMembersSeeHistory }];
        return groups
          .update(action.conversationId, changes)
          .pipe(mergeMap(applied(task)), failed(action.conversationId, task));
      }),
    );
  },
  { functional: true },
);

export const changePicture$ = createEffect(
  (actions$ = inject(Actions), groups = inject(GroupApi), media = inject(MediaApi)) => {
    return actions$.pipe(
      ofType(GroupInfoPageActions.pictureChosen, GroupInfoPageActions.pictureRemoved),
      concatMap((action) => {
        const { conversationId } = action;
        const change$: Observable<UploadEvent<ConversationView>> =
          action.type === GroupInfoPageActions.pictureChosen.type
            ? setPicture(groups, media, conversationId, action.file)
            : groups.update(conversationId, { avatar: null }).pipe(map((body) => ({ kind: 'done' as const, body })));
        return change$.pipe(
          mergeMap((event) =>
            event.kind === 'progress'
              ? [GroupsApiActions.pictureUploadProgressed({ progress: event.progress })]
              : applied('picture')(event.body),
          ),
          failed(conversationId, 'picture'),
        );
      }),
    );
  },
  { functional: true },
);

export const addMembers$ = createEffect(
  (actions$ = inject(Actions), groups = inject(GroupApi)) => {
    return actions$.pipe(
      ofType(GroupInfoPageActions.membersAdded),
      concatMap(({ conversationId, userIds }) =>
        groups.addMembers(conversationId, userIds).pipe(mergeMap(applied('add')), failed(conversationId, 'add')),
      ),
    );
  },
  { functional: true },
);

// mergeMap: actions on different members are independent, and a member's actions are disabled while one is under way.
export const setRole$ = createEffect(
  (actions$ = inject(Actions), groups = inject(GroupApi)) => {
    return actions$.pipe(
      ofType(GroupInfoPageActions.roleChosen),
      mergeMap(({ conversationId, userId, role }) =>
        groups
          .setRole(conversationId, userId, role)
          .pipe(mergeMap(applied(memberTask(userId))), failed(conversationId, memberTask(userId))),
      ),
    );
  },
  { functional: true },
);

/**
 * The server answers a removal with nothing but tells every member with `conversation:updated`; until that arrives
 * the member leaves the list here too.
 */
export const removeMember$ = createEffect(
  (actions$ = inject(Actions), groups = inject(GroupApi), store = inject(Store)) => {
    return actions$.pipe(
      ofType(GroupInfoPageActions.removeConfirmed),
      mergeMap(({ conversationId, userId }) =>
        groups.removeMember(conversationId, userId).pipe(
          withLatestFrom(store.select(conversationsFeature.selectEntities)),
          mergeMap(([, conversations]) => {
            const group = conversations[conversationId];
            const done = GroupsApiActions.taskSucceeded({ task: memberTask(userId) });
            if (!group?.members?.some((member) => member.userId === userId)) return [done];
            const members = group.members.filter((member) => member.userId !== userId);
            return [GroupsApiActions.saved({ conversation: { ...group, members } }), done];
          }),
          failed(conversationId, memberTask(userId)),
        ),
      ),
    );
  },
  { functional: true },
);

/** Leaving answers with nothing; `conversation:removed` makes the conversation read-only, which then opens. */
export const leave$ = createEffect(
  (actions$ = inject(Actions), groups = inject(GroupApi), router = inject(Router)) => {
    return actions$.pipe(
      ofType(GroupInfoPageActions.leaveConfirmed),
      exhaustMap(({ conversationId, userId }) =>
        groups.removeMember(conversationId, userId).pipe(
          tap(() => void router.navigate(['/c', conversationId])),
          map(() => GroupsApiActions.left({ conversationId })),
          failed(conversationId, 'leave'),
        ),
      ),
    );
  },
  { functional: true },
);

/**
 * The directory search, for people who are not my friends (DIRECT_MESSAGES=everyone only; otherwise the picker
 * offers friends, who are already here). Debounced while typing; switchMap drops the answer to an older query.
 */
export const searchPeople$ = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(FriendsApi)) => {
    return actions$.pipe(
      ofType(MemberPickerActions.searchChanged),
      debounceTime(SEARCH_DEBOUNCE_MS),
      map(({ query }) => query.trim()),
      withLatestFrom(store.select(friendsFeature.selectDirectMessages)),
      switchMap(([query, directMessages]) =>
        query && directMessages === 'everyone'
          ? api.search(query).pipe(
              map(({ items }) => GroupsApiActions.peopleFound({ query, users: items })),
              catchError((error: unknown) =>
                of(GroupsApiActions.peopleSearchFailed({ query, error: toApiError(error) })),
              ),
            )
          : of(GroupsApiActions.peopleFound({ query, users: [] })),
      ),
    );
  },
  { functional: true },
);
