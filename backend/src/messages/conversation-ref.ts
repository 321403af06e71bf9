import type { Types } from 'mongoose';

/** What the send path needs of a conversation: who is in it (which never changes). */
export interface ConversationRef {
  _id: Types.ObjectId;
  participants: Types.ObjectId[];
}

/** The participant who is not `me` (a direct conversation has two). */
export function otherParticipant(conversation: ConversationRef, me: string): string {
  const ids = conversation.participants.map(String);
  return ids.find((id) => id !== me) ?? ids[0];
}
