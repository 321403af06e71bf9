import type { GroupMemberView, GroupRole } from '@contracts/messages';

/** What a member may do to another one, by the server's rules (GroupsService): one action a menu item. */
export type MemberAction = 'makeOwner' | 'makeAdmin' | 'removeAdmin' | 'remove';

/**
 * Owners set any role and remove anyone; admins make members admins and admins members, and remove members.
 * Nobody changes their own role (an owner who leaves last hands it over).
 */
export function memberActions(mine: GroupRole | null, theirs: GroupRole, isMe: boolean): MemberAction[] {
  if (isMe || (mine !== 'owner' && mine !== 'admin')) return [];
  if (mine === 'owner') {
    const roles: MemberAction[] =
      theirs === 'owner'
        ? ['makeAdmin']
        : theirs === 'admin'
          ? ['makeOwner', 'removeAdmin']
          : ['makeOwner', 'makeAdmin'];
    return [...roles, 'remove'];
  }
  if (theirs === 'owner') return [];
  return theirs === 'admin' ? ['removeAdmin'] : ['makeAdmin', 'remove'];
}

/** The role each role-changing action gives. */
export const ROLE_OF_ACTION: Record<Exclude<MemberAction, 'remove'>, GroupRole> = {
  makeOwner: 'owner',
  makeAdmin: 'admin',
  removeAdmin: 'member',
};

/**
 * Who becomes owner when I leave: nobody while another owner stays; else, as the server decides, the
 * longest-standing admin, else member, by when they joined (someone re-added counts from their return; those who
 * joined together keep the list's order).
 */
export function heirWhenLeaving(members: readonly GroupMemberView[], me: string): GroupMemberView | null {
  const mine = members.find((member) => member.userId === me);
  const others = members
    .filter((member) => member.userId !== me)
    .sort((a, b) => Date.parse(a.joinedAt) - Date.parse(b.joinedAt));
  if (mine?.role !== 'owner' || others.some((member) => member.role === 'owner')) return null;
  return others.find((member) => member.role === 'admin') ?? others[0] ?? null;
}
