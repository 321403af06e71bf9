import type { GroupMemberView, MessageView } from '@contracts/messages';
import { createSelector } from '@ngrx/store';

import { authFeature } from '../../core/auth/auth-feature';
import { friendsFeature } from '../../friends/friends-feature';
import { type ChatMessage, laterBySeq, type Receipt } from '../chat-models';
import { isFromOthers } from '../conversation-people';
import type { GroupReceipt } from '../group-text';
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

/** Sent, delivered or seen: my last stored message in the open conversation. */
export const selectOpenReceipt = createSelector(
  conversationsFeature.selectOpenConversation,
  selectOpenMessages,
  selectMyId,
  (conversation, messages, me): { messageId: string; receipt: Receipt } | null => {
    if (!conversation?.participant || !me) return null;
    const mine = [...messages].reverse().find((message) => message.senderId === me && message.status === 'sent');
    if (!mine || mine.deletedAt) return null;
    // A receipt names a message; it covers mine when that message's seq is at least mine (ids are not in message
    // order across server instances). One not held here is older than what is shown, or on its way.
    const seqOf = (id: string) =>
      (messages.find((m) => m.id === id) ?? (conversation.lastMessage?.id === id ? conversation.lastMessage : null))
        ?.seq ?? 0;
    const covers = (upTo: string | null) => upTo !== null && seqOf(upTo) >= mine.seq;
    const receipt = covers(conversation.readUpTo) ? 'seen' : covers(conversation.deliveredUpTo) ? 'delivered' : 'sent';
    return { messageId: mine.id, receipt };
  },
);

/** What marking the open conversation read would send: its newest message from someone else. */
export const selectReadTarget = createSelector(
  conversationsFeature.selectOpenConversation,
  selectOpenMessages,
  selectMyId,
  (conversation, messages, me): { conversationId: string; upTo: string; seq: number; unread: number } | null => {
    if (!conversation || conversation.left) return null;
    const fromOthers = (message: MessageView) => isFromOthers(conversation, message.senderId, me);
    let newest = conversation.lastMessage && fromOthers(conversation.lastMessage) ? conversation.lastMessage : null;
    for (const message of messages) if (message.id && fromOthers(message)) newest = laterBySeq(newest, message);
    return newest
      ? { conversationId: conversation.id, upTo: newest.id, seq: newest.seq, unread: conversation.unread }
      : null;
  },
);

/** Why nobody can write in a conversation: I blocked them, we are not friends (where that is required), or refused. */
export type ReplyBlock = 'blocked' | 'notFriends' | 'unavailable';

/**
 * Why I can't write in the open conversation, or null. Erased and automated accounts have their own notice. The
 * friends list says who I blocked and who my friends are; the server's last refusal covers what it does not know
 * (they blocked me).
 */
export const selectOpenReplyBlock = createSelector(
  conversationsFeature.selectOpenConversation,
  conversationsFeature.selectRefused,
  friendsFeature.selectLoaded,
  friendsFeature.selectDirectMessages,
  friendsFeature.selectRelationshipOf,
  (conversation, refused, friendsLoaded, directMessages, relationshipOf): ReplyBlock | null => {
    const participant = conversation?.participant;
    if (!conversation || !participant || participant.deleted || participant.service) return null;
    const relationship = relationshipOf(participant.id);
    if (relationship === 'blocked') return 'blocked';
    if (friendsLoaded && directMessages === 'friends' && relationship !== 'friend') return 'notFriends';
    const code = refused[conversation.id];
    if (!code) return null;
    return code === 'not_friends' ? 'notFriends' : 'unavailable';
  },
);

/** How far my last message in the open group got: who of the others has seen it, whom it reached. */
export interface OpenGroupReceipt extends GroupReceipt {
  messageId: string;
}

/**
 * "Seen by" / "Delivered to" for my last stored message in the open group, from each member's markers (by seq).
 * Members who hide their reads have no read marker, so they never count as having seen it.
 */
export const selectOpenGroupReceipt = createSelector(
  conversationsFeature.selectOpenConversation,
  selectOpenMessages,
  selectMyId,
  (conversation, messages, me): OpenGroupReceipt | null => {
    if (!conversation?.members || conversation.left || !me) return null;
    const mine = [...messages]
      .reverse()
      .find((message) => message.senderId === me && message.status === 'sent' && message.kind !== 'system');
    if (!mine || mine.deletedAt) return null;
    const reached = (seq: number | null) => seq !== null && seq >= mine.seq;
    const others = conversation.members.filter((member) => member.userId !== me);
    const names = (members: GroupMemberView[]) => members.map((member) => member.user.displayName);
    return {
      messageId: mine.id,
      seenBy: names(others.filter((member) => reached(member.readUpToSeq))),
      deliveredTo: names(others.filter((member) => reached(member.deliveredUpToSeq) || reached(member.readUpToSeq))),
      total: others.length,
    };
  },
);

/** The ids of the people I blocked: their messages in a group are collapsed until shown. */
export const selectBlockedIds = createSelector(
  friendsFeature.selectBlocked,
  (blocked) => new Set(blocked.ids as string[]) as ReadonlySet<string>,
);
