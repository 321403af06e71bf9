import type { ConversationView, GroupMemberView } from '../contracts/messages';
import type { PublicUser } from '../contracts/users';
import type { UserDocument } from '../users/schemas/user.schema';
import { toPublicUser } from '../users/user.mapper';
import { otherParticipant } from './conversation-ref';
import { lastMessageView } from './message.mapper';
import { type Conversation, type Member, MUTED_FOREVER } from './schemas/conversation.schema';

type StoredConversation = Conversation & { _id: { toString(): string } };

/** What a viewer's conversation list needs besides the documents: the people in them and whose presence they see. */
export interface ViewContext {
  people: Map<string, UserDocument>;
  /** Whose presence the viewer sees (PresenceAudience: the rule is symmetric). */
  sees: Set<string>;
  online: Set<string>;
}

/** The group's current members (a direct conversation has none). */
export const currentMembers = (conversation: Pick<Conversation, 'members'>): Member[] =>
  (conversation.members ?? []).filter((member) => member.leftSeq === null || member.leftSeq === undefined);

/**
 * Who is told of a change to the message at `seq` (an edit, a deletion): everyone in a direct conversation; the
 * group's current members who joined at or before it (a later member never saw it).
 */
export function audienceOf(conversation: Conversation, seq: number): string[] {
  if (conversation.kind !== 'group') return conversation.participants.map(String);
  return currentMembers(conversation)
    .filter((member) => member.joinedSeq <= seq)
    .map((member) => member.userId.toString());
}

/** Whose profiles the viewer's view of the conversation shows. */
export const peopleIn = (conversation: Conversation, me: string): string[] =>
  conversation.kind === 'group'
    ? currentMembers(conversation).map((member) => member.userId.toString())
    : [otherParticipant(conversation, me)];

export function toConversationView(
  conversation: StoredConversation,
  me: string,
  context: ViewContext,
): ConversationView {
  const id = conversation._id.toString();
  const shared = {
    id,
    kind: conversation.kind,
    lastMessage: conversation.lastMessage ? lastMessageView(conversation.lastMessage, id) : null,
    lastActivityAt: conversation.lastActivityAt.toISOString(),
    unread: conversation.unread?.get(me) ?? 0,
  };
  if (conversation.kind === 'group') {
    return {
      ...shared,
      name: conversation.name ?? '',
      avatarUrl: conversation.avatar ? `/api/media/${conversation.avatar.toString()}/thumb` : null,
      members: currentMembers(conversation).map((member) => memberView(conversation, member, context)),
      deliveredUpTo: null,
      deliveredUpToSeq: null,
      readUpTo: null,
      readUpToSeq: null,
      ...muteOf(conversation.mutedUntil?.get(me)),
    };
  }
  const otherId = otherParticipant(conversation, me);
  const other = context.people.get(otherId);
  const participant = other
    ? {
        ...toPublicUser(other),
        ...(context.sees.has(otherId)
          ? { online: context.online.has(otherId), lastSeenAt: other.lastSeenAt?.toISOString() ?? null }
          : {}),
      }
    : deletedUser(otherId);
  return {
    ...shared,
    participant,
    ...receiptsOf(conversation, otherId, other?.settings?.readReceipts !== false),
    ...muteOf(conversation.mutedUntil?.get(me)),
  };
}

function memberView(conversation: Conversation, member: Member, context: ViewContext): GroupMemberView {
  const userId = member.userId.toString();
  const user = context.people.get(userId);
  return {
    userId,
    role: member.role,
    joinedAt: member.joinedAt.toISOString(),
    user: user ? toPublicUser(user) : deletedUser(userId),
    ...receiptsOf(conversation, userId, user?.settings?.readReceipts !== false),
  };
}

const deletedUser = (id: string): PublicUser => ({
  id,
  username: 'deleted',
  displayName: 'Deleted user',
  avatarUrl: null,
  bio: '',
  deleted: true,
});

export const isMuted = (until: Date | undefined): boolean => !!until && until.getTime() > Date.now();

function muteOf(until: Date | undefined): { muted: boolean; mutedUntil: string | null } {
  if (!isMuted(until)) return { muted: false, mutedUntil: null };
  return { muted: true, mutedUntil: until!.getTime() === MUTED_FOREVER.getTime() ? null : until!.toISOString() };
}

/** What someone has received and read, as message ids with their seqs; reads only if they share them. */
function receiptsOf(conversation: Conversation, userId: string, sharesReads: boolean) {
  const delivered = conversation.lastDelivered?.get(userId) ?? null;
  const read = sharesReads ? (conversation.lastRead?.get(userId) ?? null) : null;
  return {
    deliveredUpTo: delivered,
    deliveredUpToSeq: delivered ? (conversation.lastDeliveredSeq?.get(userId) ?? null) : null,
    readUpTo: read,
    readUpToSeq: read ? (conversation.lastReadSeq?.get(userId) ?? null) : null,
  };
}
