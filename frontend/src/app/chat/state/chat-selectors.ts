import { createSelector } from '@ngrx/store';
import { authFeature } from '../../core/auth/auth-feature';
import { maxId, type ChatMessage } from '../chat-models';
import { conversationsFeature } from './conversations-feature';
import { messagesFeature, threadAdapter } from './messages-feature';

const { selectAll } = threadAdapter.getSelectors();
const noMessages: ChatMessage[] = [];

export const selectMyId = createSelector(authFeature.selectUser, (user) => user?.id ?? null);

export const selectOpenThread = createSelector(
  messagesFeature.selectThreads,
  conversationsFeature.selectOpenId,
  (threads, id) => (id ? (threads[id] ?? null) : null),
);

export const selectOpenMessages = createSelector(selectOpenThread, (thread) =>
  thread ? selectAll(thread) : noMessages,
);

export type Receipt = 'Sent' | 'Delivered' | 'Seen';

/** "Delivered" / "Seen" for my last stored message in the open conversation. */
export const selectOpenReceipt = createSelector(
  conversationsFeature.selectOpenConversation,
  selectOpenMessages,
  selectMyId,
  (conversation, messages, me): { messageId: string; receipt: Receipt } | null => {
    if (!conversation || !me) return null;
    const mine = [...messages].reverse().find((message) => message.senderId === me && message.status === 'sent');
    if (!mine || mine.deletedAt) return null;
    const receipt =
      conversation.readUpTo && conversation.readUpTo >= mine.id
        ? 'Seen'
        : conversation.deliveredUpTo && conversation.deliveredUpTo >= mine.id
          ? 'Delivered'
          : 'Sent';
    return { messageId: mine.id, receipt };
  },
);

/** What marking the open conversation read would send: its newest message from the other person. */
export const selectReadTarget = createSelector(
  conversationsFeature.selectOpenConversation,
  selectOpenMessages,
  (conversation, messages): { conversationId: string; upTo: string; unread: number } | null => {
    if (!conversation) return null;
    const other = conversation.participant.id;
    let upTo = conversation.lastMessage?.senderId === other ? conversation.lastMessage.id : null;
    for (const message of messages) if (message.id && message.senderId === other) upTo = maxId(upTo, message.id);
    return upTo ? { conversationId: conversation.id, upTo, unread: conversation.unread } : null;
  },
);
