import type { ConversationView, GroupMemberView, GroupRole } from '@contracts/messages';

import { buildConversation } from '../testing/chat-builders';
import { buildPublicUser } from '../testing/friends-builders';

export const GROUP = 'dddddddddddddddddddddddd';

export function buildMember(role: GroupRole, overrides: Partial<GroupMemberView> = {}): GroupMemberView {
  const user = overrides.user ?? buildPublicUser(overrides.userId ? { id: overrides.userId } : {});
  return {
    userId: user.id,
    role,
    joinedAt: '2026-03-01T10:00:00.000Z',
    user,
    deliveredUpTo: null,
    deliveredUpToSeq: null,
    readUpTo: null,
    readUpToSeq: null,
    ...overrides,
  };
}

export function buildGroup(members: GroupMemberView[], overrides: Partial<ConversationView> = {}): ConversationView {
  return buildConversation({
    id: GROUP,
    kind: 'group',
    participant: undefined,
    name: 'Ops',
    avatarUrl: null,
    members,
    newMembersSeeHistory: false,
    ...overrides,
  });
}
