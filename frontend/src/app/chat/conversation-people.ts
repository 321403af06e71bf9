import type { ConversationView, GroupMemberView } from '@contracts/messages';
import type { PublicUser } from '@contracts/users';

/** The conversation's name as the list and header show it: the other person's, or the group's. */
export function conversationTitle(conversation: ConversationView): string {
  return conversation.participant?.displayName ?? conversation.name ?? '';
}

/**
 * Someone else sent it: in a direct chat the other participant, in a group anyone but me (`me` unknown: nobody can
 * be told apart, so nothing counts as someone else's).
 */
export function isFromOthers(conversation: ConversationView, senderId: string, me: string | null): boolean {
  if (conversation.participant) return senderId === conversation.participant.id;
  return me !== null && senderId !== me;
}

/** The people of a conversation besides me: the direct chat's participant, or the group's members. */
export function peopleOf(conversation: ConversationView): PublicUser[] {
  if (conversation.participant) return [conversation.participant];
  return (conversation.members ?? []).map((member) => member.user);
}

/** Someone in it, by id (a group's member or the direct chat's participant). */
export function personIn(conversation: ConversationView, userId: string): PublicUser | undefined {
  return peopleOf(conversation).find((person) => person.id === userId);
}

/**
 * Someone's name in it: a member's, or a former member's whom its timeline names ("Cleo left"); "Someone" for a
 * person it does not list at all.
 */
export function nameIn(conversation: ConversationView, userId: string): string {
  const person = personIn(conversation, userId) ?? conversation.formerMembers?.find((f) => f.userId === userId)?.user;
  return person?.displayName ?? $localize`:@@chat.group.someone:Someone`;
}

/**
 * The conversation with `change` applied to each person `matches` (the participant, or the group members' `user`);
 * the same object when nobody matched.
 */
export function withPeople(
  conversation: ConversationView,
  matches: (person: PublicUser) => boolean,
  change: (person: PublicUser) => PublicUser,
): ConversationView {
  const { participant, members } = conversation;
  if (participant) return matches(participant) ? { ...conversation, participant: change(participant) } : conversation;
  if (!members?.some((member) => matches(member.user))) return conversation;
  const changed = members.map((member): GroupMemberView =>
    matches(member.user) ? { ...member, user: change(member.user) } : member,
  );
  return { ...conversation, members: changed };
}
