import type { ConversationView } from '@contracts/messages';
import type { CurrentUserView } from '@contracts/users';

/** Muted now: a mute with an end counts until then. */
export function isMuted(conversation: Pick<ConversationView, 'muted' | 'mutedUntil'> | undefined, now: Date): boolean {
  if (!conversation?.muted) return false;
  return conversation.mutedUntil === null || new Date(conversation.mutedUntil) > now;
}

export function inDoNotDisturb(user: CurrentUserView, now: Date): boolean {
  const until = user.settings.doNotDisturbUntil;
  return !!until && new Date(until) > now;
}

/** No sound and no desktop notification for this conversation now. */
export function isQuiet(user: CurrentUserView, conversation: ConversationView | undefined, now: Date): boolean {
  return inDoNotDisturb(user, now) || isMuted(conversation, now);
}
