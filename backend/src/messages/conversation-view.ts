import type { ConversationView, FormerMemberView, GroupMemberView, MessageView } from '../contracts/messages';
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
  /** For the groups the viewer left: the line that removed them (their view's last message), by conversation id. */
  leavingLines?: Map<string, MessageView>;
  /**
   * For a conversation whose latest message the viewer deleted for themselves: the latest one they still see (by
   * conversation id and viewer, see previewKey; null when none).
   */
  previews?: Map<string, MessageView | null>;
}

export const previewKey = (conversationId: string, viewer: string) => `${conversationId}:${viewer}`;

/** Whether the viewer deleted the conversation's latest message for themselves (their preview is another one). */
export const previewHiddenFor = (conversation: Pick<Conversation, 'lastMessage'>, viewer: string): boolean =>
  conversation.lastMessage?.hiddenFor?.some((id) => id.toString() === viewer) ?? false;

/**
 * Members in the order they joined the membership they have now: someone re-added (who keeps their first place in
 * the stored list) is as new as the others added with them.
 */
const inJoiningOrder = (members: Member[]): Member[] => [...members].sort((a, b) => a.joinedSeq - b.joinedSeq);

/** The group's current members, longest-standing first (a direct conversation has none). */
export const currentMembers = (conversation: Pick<Conversation, 'members'>): Member[] =>
  inJoiningOrder((conversation.members ?? []).filter((m) => m.leftSeq === null || m.leftSeq === undefined));

/**
 * The first seq a group member may read: the line that added them, or the group's first when it lets members added
 * later see what came before (decided when read, so turning the setting off hides it again).
 */
export const firstReadableSeq = (conversation: Pick<Conversation, 'newMembersSeeHistory'>, member: Member): number =>
  conversation.newMembersSeeHistory ? 1 : member.joinedSeq;

/**
 * The seqs `me` may read of a conversation: all of a direct one they are in; a group's from their first readable seq
 * to their leaving (toSeq null: still a member); null when they never were in it. History and search both ask here.
 */
export function readableRange(
  conversation: Pick<Conversation, 'kind' | 'participants' | 'members' | 'newMembersSeeHistory'>,
  me: string,
): { fromSeq: number; toSeq: number | null } | null {
  if (conversation.kind !== 'group') {
    return conversation.participants.some((p) => p.toString() === me) ? { fromSeq: 0, toSeq: null } : null;
  }
  const member = conversation.members?.find((m) => m.userId.toString() === me);
  return member ? { fromSeq: firstReadableSeq(conversation, member), toSeq: member.leftSeq ?? null } : null;
}

/** Whether `userId` may read the group's message at `seq`: from their first readable seq to their leaving. */
export function mayReadSeq(conversation: Conversation, userId: string, seq: number): boolean {
  const range = conversation.kind === 'group' ? readableRange(conversation, userId) : null;
  return range !== null && range.fromSeq <= seq && (range.toSeq === null || seq <= range.toSeq);
}

/**
 * Who is told of a change to the message at `seq` (an edit, a deletion): everyone in a direct conversation; the
 * group's current members who may read it (a later member never saw it, unless the group shares its history).
 */
export function audienceOf(conversation: Conversation, seq: number): string[] {
  if (conversation.kind !== 'group') return conversation.participants.map(String);
  return currentMembers(conversation)
    .filter((member) => firstReadableSeq(conversation, member) <= seq)
    .map((member) => member.userId.toString());
}

/** `me` as a former member of the group: removed or left (and not back since). */
export const formerMember = (conversation: Pick<Conversation, 'members'>, me: string): Member | undefined =>
  conversation.members?.find((m) => m.userId.toString() === me && m.leftSeq !== null && m.leftSeq !== undefined);

/**
 * The members a viewer sees: a group's current ones; for someone who left, those who were in it when they left
 * (without themselves, and without anyone added after).
 */
function membersSeenBy(conversation: Pick<Conversation, 'members'>, me: string): Member[] {
  const former = formerMember(conversation, me);
  if (!former) return currentMembers(conversation);
  const leftSeq = former.leftSeq!;
  return inJoiningOrder(
    (conversation.members ?? []).filter(
      (m) =>
        m !== former && m.joinedSeq < leftSeq && (m.leftSeq === null || m.leftSeq === undefined || m.leftSeq > leftSeq),
    ),
  );
}

/**
 * The people the viewer's timeline names who are not among the members it shows: those who left (or were removed)
 * while the viewer could read the group, from the viewer's first readable seq until the viewer left. Anyone a line
 * names was a member at that line's seq, and someone who left before it is not named after it. In the order they left.
 */
function formerMembersSeenBy(conversation: Conversation, me: string): Member[] {
  const mine = conversation.members?.find((m) => m.userId.toString() === me);
  if (!mine) return [];
  const from = firstReadableSeq(conversation, mine);
  const until = mine.leftSeq ?? Number.POSITIVE_INFINITY;
  return (conversation.members ?? [])
    .filter(
      (m) => m !== mine && m.leftSeq !== null && m.leftSeq !== undefined && from <= m.leftSeq && m.leftSeq < until,
    )
    .sort((a, b) => a.leftSeq! - b.leftSeq!);
}

/** Whose profiles the viewer's view of the conversation shows. */
export const peopleIn = (conversation: Conversation, me: string): string[] =>
  conversation.kind === 'group'
    ? [...membersSeenBy(conversation, me), ...formerMembersSeenBy(conversation, me)].map((m) => m.userId.toString())
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
    lastMessage: previewHiddenFor(conversation, me)
      ? (context.previews?.get(previewKey(id, me)) ?? null)
      : conversation.lastMessage
        ? lastMessageView(conversation.lastMessage, id)
        : null,
    lastActivityAt: conversation.lastActivityAt.toISOString(),
    unread: conversation.unread?.get(me) ?? 0,
  };
  if (conversation.kind === 'group') {
    const former = formerMember(conversation, me);
    const formerMembers = formerMembersSeenBy(conversation, me).map((member) => formerMemberView(member, context));
    const group = {
      name: conversation.name ?? '',
      formerMembers,
      newMembersSeeHistory: Boolean(conversation.newMembersSeeHistory),
      deliveredUpTo: null,
      deliveredUpToSeq: null,
      readUpTo: null,
      readUpToSeq: null,
      ...muteOf(conversation.mutedUntil?.get(me)),
    };
    if (!former) {
      const members = currentMembers(conversation).map((member) => memberView(conversation, member, context, null));
      return { ...shared, ...group, avatarUrl: avatarUrlOf(conversation.avatar), members };
    }
    // Read-only, as it was when they left: nothing from after (a picture replaced since is gone with its file).
    const leavingLine = context.leavingLines?.get(id) ?? null;
    const limit = leavingLine ? { id: leavingLine.id, seq: leavingLine.seq } : null;
    const members = membersSeenBy(conversation, me).map((member) => memberView(conversation, member, context, limit));
    const unchanged = former.avatarWhenLeft && conversation.avatar && former.avatarWhenLeft.equals(conversation.avatar);
    return {
      ...shared,
      ...group,
      name: former.nameWhenLeft ?? group.name,
      avatarUrl: unchanged ? avatarUrlOf(former.avatarWhenLeft) : null,
      members,
      left: true,
      lastMessage: leavingLine,
      lastActivityAt: (former.leftAt ?? conversation.lastActivityAt).toISOString(),
      unread: 0,
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

const avatarUrlOf = (avatar: { toString(): string } | null | undefined): string | null =>
  avatar ? `/api/media/${avatar.toString()}/thumb` : null;

/** A member as the viewer sees them; with `limit` (a former member's view), receipts go no further than it. */
function memberView(
  conversation: Conversation,
  member: Member,
  context: ViewContext,
  limit: { id: string; seq: number } | null,
): GroupMemberView {
  const userId = member.userId.toString();
  const user = context.people.get(userId);
  const receipts = receiptsOf(conversation, userId, user?.settings?.readReceipts !== false);
  return {
    userId,
    role: member.role,
    joinedAt: member.joinedAt.toISOString(),
    user: user ? toPublicUser(user) : deletedUser(userId),
    ...(limit ? capReceipts(receipts, limit) : receipts),
  };
}

function formerMemberView(member: Member, context: ViewContext): FormerMemberView {
  const userId = member.userId.toString();
  const user = context.people.get(userId);
  return { userId, user: user ? toPublicUser(user) : deletedUser(userId), leftAt: member.leftAt!.toISOString() };
}

function capReceipts(receipts: ReturnType<typeof receiptsOf>, limit: { id: string; seq: number }) {
  const cap = (upTo: string | null, seq: number | null) =>
    seq !== null && seq > limit.seq ? { upTo: limit.id, seq: limit.seq } : { upTo, seq };
  const delivered = cap(receipts.deliveredUpTo, receipts.deliveredUpToSeq);
  const read = cap(receipts.readUpTo, receipts.readUpToSeq);
  return { deliveredUpTo: delivered.upTo, deliveredUpToSeq: delivered.seq, readUpTo: read.upTo, readUpToSeq: read.seq };
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
