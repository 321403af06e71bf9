import { randomBytes } from 'node:crypto';

import type { MessageView } from '../contracts/messages';
import type { AdminUserView } from '../contracts/users';
import type {
  DeletedUserEventData,
  FriendshipEventData,
  MessageEventData,
  UserEventData,
  WebhookEventType,
} from '../contracts/webhooks';

/** Something that happened, as webhooks (and later other listeners) receive it. */
export interface DomainEvent {
  /** Stable id: the same when the same happening is published twice (a recovered send), so it is stored once. */
  id: string;
  type: WebhookEventType;
  createdAt: Date;
  data: unknown;
  /** Events with the same key reach a receiver in the order they were published: one conversation, one user. */
  orderKey: string;
}

const newEventId = () => `evt_${randomBytes(12).toString('hex')}`;

export function messageEvent(
  type: 'message.created' | 'message.updated' | 'message.deleted',
  message: MessageView,
  participantIds: string[],
): DomainEvent {
  return {
    // A message is created once: its id names the event, so a recovered send publishes the same event again.
    id: type === 'message.created' ? `evt_msg_${message.id}` : newEventId(),
    type,
    createdAt: new Date(),
    data: { message, participantIds } satisfies MessageEventData,
    orderKey: `conversation:${message.conversationId}`,
  };
}

export function userEvent(
  type: 'user.created' | 'user.updated' | 'user.deactivated',
  { online: _presence, ...user }: AdminUserView,
): DomainEvent {
  return {
    id: newEventId(),
    type,
    createdAt: new Date(),
    data: { user } satisfies UserEventData,
    orderKey: `user:${user.id}`,
  };
}

export function userDeletedEvent(user: DeletedUserEventData['user']): DomainEvent {
  return {
    id: newEventId(),
    type: 'user.deleted',
    createdAt: new Date(),
    data: { user } satisfies DeletedUserEventData,
    orderKey: `user:${user.id}`,
  };
}

export function friendshipCreatedEvent(a: string, b: string, since: Date): DomainEvent {
  const userIds = [a, b].sort() as [string, string];
  return {
    id: newEventId(),
    type: 'friendship.created',
    createdAt: new Date(),
    data: { userIds, since: since.toISOString() } satisfies FriendshipEventData,
    orderKey: `friendship:${userIds.join(':')}`,
  };
}
