import type { ConversationView, MessageKind, MessageView } from '../../contracts/messages';
import type { Page } from '../../contracts/users';
import { PublicUserResponse } from '../../users/dto/user.responses';

export class MessageResponse implements MessageView {
  id: string;
  conversationId: string;
  /** The message's place in its conversation, assigned by the database: strictly increasing, gaps possible. @example 42 */
  seq: number;
  senderId: string;
  clientId: string;
  /** @example "text" */
  kind: MessageKind;
  /** Absent on a deleted message. */
  text?: string;
  createdAt: string;
  editedAt?: string;
  deletedAt?: string;
}

export class MessagePage implements Page<MessageView> {
  items: MessageResponse[];
  nextCursor: string | null;
}

export class ConversationResponse implements ConversationView {
  id: string;
  kind: 'direct';
  participant: PublicUserResponse;
  lastMessage: MessageResponse | null;
  lastActivityAt: string;
  unread: number;
  deliveredUpTo: string | null;
  readUpTo: string | null;
}

export class ConversationPage implements Page<ConversationView> {
  items: ConversationResponse[];
  nextCursor: string | null;
}
