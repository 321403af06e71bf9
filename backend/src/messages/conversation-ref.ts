import type { Types } from 'mongoose';

import type { ConversationKind } from '../contracts/messages';

/** What the send path needs of a conversation: its kind and who is in it when the message took its seq. */
export interface ConversationRef {
  _id: Types.ObjectId;
  kind: ConversationKind;
  participants: Types.ObjectId[];
}

/** The participant who is not `me` (a direct conversation has two). */
export function otherParticipant(conversation: { participants: Types.ObjectId[] }, me: string): string {
  const ids = conversation.participants.map(String);
  return ids.find((id) => id !== me) ?? ids[0];
}
