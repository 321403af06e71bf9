import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { GroupMemberView } from '@contracts/messages';
import type { PublicUser } from '@contracts/users';
import { Store } from '@ngrx/store';

import { selectMyId } from '../../chat/state/chat-selectors';
import { conversationsFeature } from '../../chat/state/conversations-feature';
import { friendsFeature } from '../../friends/friends-feature';
import { fieldMessages, notBlankValidator } from '../../shared/forms/form-errors';
import { Button } from '../../shared/ui/button';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog';
import { Field } from '../../shared/ui/field';
import { FormAlert } from '../../shared/ui/form-alert';
import { Icon } from '../../shared/ui/icon';
import { Input } from '../../shared/ui/input';
import { PictureEditor } from '../../shared/ui/picture-editor';
import { Spinner } from '../../shared/ui/spinner';
import { HistorySetting } from '../components/history-setting';
import { type MemberChoice, MemberList } from '../components/member-list';
import { MemberPicker } from '../components/member-picker';
import { GroupInfoPageActions, type GroupTask, MemberPickerActions } from '../group-actions';
import { heirWhenLeaving, ROLE_OF_ACTION } from '../group-roles';
import { groupsFeature } from '../groups-feature';
import { MAX_GROUP_NAME } from './create-group-page';

/**
 * /c/:conversationId/info in the chat page's right pane: a group's picture, name and history setting (editable by
 * its owners and admins), its members and what may be done to them, adding members, and leaving. It reads the group
 * from the chat state, which `conversation:updated` keeps fresh, so changes made elsewhere show at once.
 */
@Component({
  selector: 'app-group-info-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    Button,
    ConfirmDialog,
    Field,
    FormAlert,
    Icon,
    Input,
    Spinner,
    PictureEditor,
    HistorySetting,
    MemberList,
    MemberPicker,
  ],
  templateUrl: './group-info-page.html',
  host: { class: 'flex min-h-0 flex-1 flex-col' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GroupInfoPage {
  /** From the route (component input binding). */
  readonly conversationId = input.required<string>();

  private readonly store = inject(Store);
  private readonly injector = inject(Injector);
  protected readonly me = this.store.selectSignal(selectMyId);
  private readonly conversations = this.store.selectSignal(conversationsFeature.selectEntities);
  private readonly listStatus = this.store.selectSignal(conversationsFeature.selectStatus);
  protected readonly group = computed(() => {
    const conversation = this.conversations()[this.conversationId()];
    return conversation?.kind === 'group' ? conversation : null;
  });
  /** The chat list is in and has no such group (or it is a direct conversation). */
  protected readonly notFound = computed(() => !this.group() && this.listStatus() === 'loaded');
  protected readonly members = computed(() => this.group()?.members ?? []);
  protected readonly left = computed(() => this.group()?.left ?? false);
  protected readonly myRole = computed(() =>
    this.left() ? null : (this.members().find((member) => member.userId === this.me())?.role ?? null),
  );
  protected readonly manager = computed(() => this.myRole() === 'owner' || this.myRole() === 'admin');

  private readonly friends = this.store.selectSignal(friendsFeature.selectEntities);
  /** Friends' presence is live; others' as the server last told it (only when I may know it). */
  protected readonly onlineIds = computed(
    () =>
      new Set(
        this.members()
          .filter((member) => this.friends()[member.userId]?.online ?? member.user.online ?? false)
          .map((member) => member.userId),
      ),
  );

  private readonly isPending = this.store.selectSignal(groupsFeature.selectIsPending);
  protected readonly pending = (task: GroupTask) => this.isPending()(task);
  private readonly pendingTasks = this.store.selectSignal(groupsFeature.selectPending);
  protected readonly busyMemberIds = computed(
    () => new Set(this.pendingTasks().flatMap((task) => (task.startsWith('member:') ? [task.slice(7)] : []))),
  );
  protected readonly progress = this.store.selectSignal(groupsFeature.selectUploadProgress);
  private readonly failure = this.store.selectSignal(groupsFeature.selectError);
  /** The last failure on this group, by the part of the page it belongs to. */
  protected readonly errorOf = (...tasks: string[]) => {
    const failure = this.failure();
    if (!failure || failure.conversationId !== this.conversationId()) return null;
    const part = failure.task.startsWith('member:') ? 'member' : failure.task;
    return tasks.includes(part) ? failure.error.message : null;
  };

  protected readonly candidates = this.store.selectSignal(groupsFeature.selectCandidates);
  protected readonly search = this.store.selectSignal(groupsFeature.selectSearch);
  private readonly directMessages = this.store.selectSignal(friendsFeature.selectDirectMessages);
  protected readonly directory = computed(() => this.directMessages() === 'everyone');
  protected readonly memberIds = computed(() => this.members().map((member) => member.userId));

  protected readonly nameForm = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, notBlankValidator, Validators.maxLength(MAX_GROUP_NAME)]],
  });
  private readonly nameSubmitted = signal(false);

  protected readonly adding = signal(false);
  protected readonly newMembers = signal<PublicUser[]>([]);
  protected readonly removing = signal<GroupMemberView | null>(null);
  protected readonly confirmingLeave = signal(false);
  protected readonly heir = computed(() => heirWhenLeaving(this.members(), this.me() ?? ''));

  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly membersHeading = viewChild<ElementRef<HTMLElement>>('membersHeading');
  private readonly addButton = viewChild('addButton', { read: ElementRef<HTMLElement> });

  constructor() {
    afterNextRender(() => this.heading()?.nativeElement.focus());
    // The stored name shows in the field, unless the person is editing it (a rename elsewhere then waits).
    effect(() => {
      const name = this.group()?.name ?? '';
      untracked(() => {
        if (!this.nameForm.dirty || this.nameForm.controls.name.value.trim() === name) this.nameForm.reset({ name });
      });
    });
    // Members added: the picker closes and focus goes back to its button.
    let wasAdding = false;
    effect(() => {
      const adding = this.pending('add');
      const failed = !!this.errorOf('add');
      untracked(() => {
        if (wasAdding && !adding && !failed) this.closeAdd();
        wasAdding = adding;
      });
    });
    // Renamed: the Rename button is disabled again and lets go of focus; the person carries on in the field.
    let wasRenaming = false;
    effect(() => {
      const renaming = this.pending('name');
      untracked(() => {
        if (wasRenaming && !renaming && (!document.activeElement || document.activeElement === document.body))
          afterNextRender(() => document.getElementById('group-name')?.focus(), { injector: this.injector });
        wasRenaming = renaming;
      });
    });
    inject(DestroyRef).onDestroy(() => this.store.dispatch(GroupInfoPageActions.closed()));
  }

  protected nameErrors(): string[] {
    return fieldMessages(this.nameForm.controls.name, this.nameSubmitted(), undefined);
  }

  protected rename(): void {
    this.nameSubmitted.set(true);
    if (this.nameForm.invalid) return;
    const name = this.nameForm.controls.name.value.trim();
    if (name === this.group()?.name) return;
    this.store.dispatch(GroupInfoPageActions.renameSubmitted({ conversationId: this.conversationId(), name }));
  }

  protected pictureChosen(file: File): void {
    this.store.dispatch(GroupInfoPageActions.pictureChosen({ conversationId: this.conversationId(), file }));
  }

  protected pictureRemoved(): void {
    this.store.dispatch(GroupInfoPageActions.pictureRemoved({ conversationId: this.conversationId() }));
  }

  protected historyChanged(newMembersSeeHistory: boolean): void {
    this.store.dispatch(
      GroupInfoPageActions.historySettingChanged({ conversationId: this.conversationId(), newMembersSeeHistory }),
    );
  }

  protected openAdd(): void {
    this.adding.set(true);
    this.newMembers.set([]);
    this.store.dispatch(MemberPickerActions.searchChanged({ query: '' }));
    afterNextRender(() => document.getElementById('add-members-title')?.focus(), { injector: this.injector });
  }

  protected closeAdd(): void {
    this.adding.set(false);
    this.newMembers.set([]);
    afterNextRender(() => this.addButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected addMembers(): void {
    const userIds = this.newMembers().map((person) => person.id);
    if (userIds.length === 0 || this.pending('add')) return;
    this.store.dispatch(GroupInfoPageActions.membersAdded({ conversationId: this.conversationId(), userIds }));
  }

  protected searchChanged(query: string): void {
    this.store.dispatch(MemberPickerActions.searchChanged({ query }));
  }

  protected memberChosen({ member, action }: MemberChoice): void {
    if (action === 'remove') {
      this.removing.set(member);
      return;
    }
    this.store.dispatch(
      GroupInfoPageActions.roleChosen({
        conversationId: this.conversationId(),
        userId: member.userId,
        role: ROLE_OF_ACTION[action],
      }),
    );
  }

  /** The member's row goes away, so focus goes to the list's heading rather than back to their menu. */
  protected removeConfirmed(): void {
    const member = this.removing();
    this.removing.set(null);
    if (!member) return;
    this.store.dispatch(
      GroupInfoPageActions.removeConfirmed({ conversationId: this.conversationId(), userId: member.userId }),
    );
    afterNextRender(() => this.membersHeading()?.nativeElement.focus(), { injector: this.injector });
  }

  protected leaveConfirmed(): void {
    this.confirmingLeave.set(false);
    const me = this.me();
    if (me)
      this.store.dispatch(GroupInfoPageActions.leaveConfirmed({ conversationId: this.conversationId(), userId: me }));
  }

  protected removeHeading(member: GroupMemberView): string {
    return $localize`:@@groups.remove.title:Remove ${member.user.displayName}:name: from the group?`;
  }

  protected leaveHeading(): string {
    const name = this.group()?.name ?? '';
    return $localize`:@@groups.leave.title:Leave “${name}:name:”?`;
  }

  protected leaveDescription(): string {
    const keep = $localize`:@@groups.leave.keep:You keep the messages you have, but you will not get new ones or be able to write here.`;
    const heir = this.heir();
    if (!heir) return keep;
    const handover = $localize`:@@groups.leave.handover:You are its only owner: ${heir.user.displayName}:name: becomes the owner when you leave.`;
    return `${handover} ${keep}`;
  }
}
