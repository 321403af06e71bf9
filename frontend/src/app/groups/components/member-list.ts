import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { GroupMemberView, GroupRole } from '@contracts/messages';

import { Avatar } from '../../shared/ui/avatar';
import { type MemberAction, memberActions } from '../group-roles';
import { MemberMenu } from './member-menu';

export interface MemberChoice {
  member: GroupMemberView;
  action: MemberAction;
}

/** A group's members with their role, whether they are online (when I may know), and what I may do to them. */
@Component({
  selector: 'app-member-list',
  imports: [Avatar, MemberMenu],
  template: `
    <ul
      class="divide-y divide-zinc-100 dark:divide-zinc-800"
      aria-label="Members"
      i18n-aria-label="@@groups.info.memberList"
    >
      @for (member of members(); track member.userId) {
        <li class="flex items-center gap-3 py-2.5" [attr.data-member-id]="member.userId" data-testid="group-member">
          <span class="relative shrink-0">
            <app-avatar
              [name]="member.user.displayName"
              [src]="member.user.avatarUrl"
              [deleted]="!!member.user.deleted"
            />
            @if (onlineIds().has(member.userId)) {
              <span
                class="absolute -right-0.5 -bottom-0.5 size-3.5 rounded-full border-2 border-white bg-emerald-500 dark:border-zinc-900"
                aria-hidden="true"
              ></span>
            }
          </span>
          <span class="min-w-0 flex-1">
            <span class="flex items-center gap-2">
              <span class="truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">
                {{ member.user.displayName }}
                @if (member.userId === me()) {
                  <span class="font-normal text-zinc-500 dark:text-zinc-400" i18n="@@groups.info.you">(you)</span>
                }
              </span>
              @if (member.role !== 'member') {
                <span
                  class="shrink-0 rounded-full px-2 py-0.5 text-xs font-medium"
                  [class]="
                    member.role === 'owner'
                      ? 'bg-amber-100 text-amber-900 dark:bg-amber-500/20 dark:text-amber-200'
                      : 'bg-indigo-100 text-indigo-800 dark:bg-indigo-500/20 dark:text-indigo-200'
                  "
                  data-testid="member-role"
                >
                  @if (member.role === 'owner') {
                    <ng-container i18n="@@groups.role.owner">Owner</ng-container>
                  } @else {
                    <ng-container i18n="@@groups.role.admin">Admin</ng-container>
                  }
                </span>
              }
            </span>
            <span class="block truncate text-xs text-zinc-500 dark:text-zinc-400">
              &#64;{{ member.user.username }}
              @if (onlineIds().has(member.userId)) {
                · <ng-container i18n="@@groups.info.online">online</ng-container>
              }
            </span>
          </span>
          @let actions = actionsFor(member);
          @if (actions.length) {
            <app-member-menu
              [actions]="actions"
              [label]="menuLabel(member)"
              [busy]="busyIds().has(member.userId)"
              (chosen)="chosen.emit({ member, action: $event })"
            />
          }
        </li>
      }
    </ul>
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MemberList {
  readonly members = input.required<readonly GroupMemberView[]>();
  readonly me = input.required<string | null>();
  /** My role; null when I may do nothing (not a member any more). */
  readonly myRole = input<GroupRole | null>(null);
  readonly onlineIds = input<ReadonlySet<string>>(new Set());
  /** Members with an action under way. */
  readonly busyIds = input<ReadonlySet<string>>(new Set());
  readonly chosen = output<MemberChoice>();

  protected actionsFor(member: GroupMemberView): MemberAction[] {
    return memberActions(this.myRole(), member.role, member.userId === this.me());
  }

  protected menuLabel(member: GroupMemberView): string {
    return $localize`:@@groups.member.actions:Actions for ${member.user.displayName}:name:`;
  }
}
