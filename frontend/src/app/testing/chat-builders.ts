import type { ConversationView, GroupMemberView, MessageView } from '@contracts/messages';
import type { PublicUser } from '@contracts/users';

import type { ChatMessage, OutgoingMessage } from '../chat/chat-models';

export const ME = 'aaaaaaaaaaaaaaaaaaaaaaaa';
export const GRACE = 'bbbbbbbbbbbbbbbbbbbbbbbb';
export const CONVERSATION = 'cccccccccccccccccccccccc';

let sequence = 0;
/** Increasing 24-hex ids, ordered like the server's ObjectIds. */
export function nextMessageId(): string {
  sequence += 1;
  return `6${sequence.toString(16).padStart(23, '0')}`;
}

let seqs = 0;

/** Each built message comes after the ones built before it (a larger seq), unless `seq` says otherwise. */
export function buildMessage(overrides: Partial<MessageView> = {}): MessageView {
  const id = overrides.id ?? nextMessageId();
  seqs += 1;
  return {
    id,
    conversationId: CONVERSATION,
    seq: seqs,
    senderId: GRACE,
    clientId: `client-${id.slice(-6)}`,
    kind: 'text',
    text: 'Hello',
    createdAt: '2026-03-02T10:00:00.000Z',
    ...overrides,
  };
}

export function buildChatMessage(overrides: Partial<ChatMessage> = {}): ChatMessage {
  return { ...buildMessage(overrides), status: 'sent', ...overrides };
}

export function buildOutgoing(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    conversationId: CONVERSATION,
    clientId: '0f7c2d9e-1111-4222-8333-444455556666',
    senderId: ME,
    text: 'Hi Grace',
    createdAt: '2026-03-02T10:05:00.000Z',
    ...overrides,
  };
}

export function buildParticipant(overrides: Partial<PublicUser> = {}): PublicUser {
  return {
    id: GRACE,
    username: 'grace',
    displayName: 'Grace Hopper',
    avatarUrl: null,
    bio: '',
    online: false,
    lastSeenAt: null,
    ...overrides,
  };
}

export function buildConversation(overrides: Partial<ConversationView> = {}): ConversationView {
  return {
    id: CONVERSATION,
    kind: 'direct',
    participant: buildParticipant(),
    lastMessage: null,
    lastActivityAt: '2026-03-02T09:00:00.000Z',
    unread: 0,
    deliveredUpTo: null,
    deliveredUpToSeq: null,
    readUpTo: null,
    readUpToSeq: null,
    muted: false,
    mutedUntil: null,
    ...overrides,
  };
}

export const BEN = 'dddddddddddddddddddddddd';
export const GROUP = 'eeeeeeeeeeeeeeeeeeeeeeee';

export function buildMember(overrides: Partial<GroupMemberView> & { user: PublicUser }): GroupMemberView {
  return {
    userId: overrides.user.id,
    role: 'member',
    joinedAt: '2026-03-01T00:00:00.000Z',
    deliveredUpTo: null,
    deliveredUpToSeq: null,
    readUpTo: null,
    readUpToSeq: null,
    ...overrides,
  };
}

/** A group "Ops" of me (owner), Grace and Ben. */
export function buildGroup(overrides: Partial<ConversationView> = {}): ConversationView {
  const { participant: _participant, ...direct } = buildConversation();
  return {
    ...direct,
    id: GROUP,
    kind: 'group',
    name: 'Ops',
    avatarUrl: null,
    members: [
      buildMember({ user: buildParticipant({ id: ME, username: 'ada', displayName: 'Ada Lovelace' }), role: 'owner' }),
      buildMember({ user: buildParticipant() }),
      buildMember({ user: buildParticipant({ id: BEN, username: 'ben', displayName: 'Ben Bitdiddle' }) }),
    ],
    ...overrides,
  };
}
