import type {
  ConversationView,
  MediaView,
  MessageReactionsView,
  MessageView,
  ReplyQuoteView,
} from '@contracts/messages';
import type {
  ConversationRemovedPayload,
  ConversationUpdatedPayload,
  MessageDeletedPayload,
  MessageHiddenPayload,
  ReceiptPayload,
  TypingPayload,
  UserErasedPayload,
} from '@contracts/socket-events';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

import type { ChatMessage, OutgoingMessage } from '../chat-models';

/** What the person does in the chat page (list, message window, composer). */
export interface ReactionToggle {
  conversationId: string;
  messageId: string;
  userId: string;
  emoji: string;
  on: boolean;
}

export const ChatPageActions = createActionGroup({
  source: 'Chat Page',
  events: {
    /** `at`: open at that message (a search result), with the history around it. */
    Opened: props<{ conversationId: string; at?: string }>(),
    /** Back to the list: no conversation is open. */
    Closed: emptyProps(),
    'Older Requested': props<{ conversationId: string }>(),
    /** Scrolled down to the end of a window that is not the newest page (opened at an older message). */
    'Newer Requested': props<{ conversationId: string }>(),
    /** "Jump to latest" from a window away from the newest messages: the newest page replaces it. */
    'Latest Requested': props<{ conversationId: string }>(),
    'Message Sent': props<{ message: OutgoingMessage }>(),
    'Retry Clicked': props<{ message: ChatMessage }>(),
    /** A message that never reached the server (a failed upload or send) is dropped. */
    'Unsent Removed': props<{ message: ChatMessage }>(),
    'Edit Submitted': props<{ conversationId: string; messageId: string; text: string }>(),
    'Delete Confirmed': props<{ conversationId: string; messageId: string }>(),
    'Delete For Me Confirmed': props<{ conversationId: string; messageId: string }>(),
    'Composer Typed': props<{ conversationId: string }>(),
    /** The text in the composer changed (empty: no draft any more). */
    'Draft Changed': props<{ conversationId: string; text: string }>(),
    /** `on`: add my reaction (I am `userId`) with `emoji`; otherwise take it back. Shown at once, undone on error. */
    'Reaction Toggled': props<ReactionToggle>(),
    'Forward Confirmed': props<{ messageId: string; conversationId: string; clientId: string }>(),
    /** Show the message `messageId` of the open conversation (a reply's original), loading its history if not held. */
    'Jump Requested': props<{ conversationId: string; messageId: string }>(),
  },
});

/** The drafts kept on this device for the signed-in person. */
export const DraftsStorageActions = createActionGroup({
  source: 'Chat/Drafts Storage',
  events: {
    Restored: props<{ drafts: Record<string, string> }>(),
  },
});

export const ConversationsApiActions = createActionGroup({
  source: 'Conversations/API',
  events: {
    'List Loaded': props<{ conversations: ConversationView[] }>(),
    'List Load Failed': props<{ error: string }>(),
    /** A chat with a friend (or, with DIRECT_MESSAGES=everyone, anyone) was opened (created if it was new). */
    'Open Succeeded': props<{ conversation: ConversationView }>(),
    'Open Failed': props<{ error: string }>(),
  },
});

export const MessagesApiActions = createActionGroup({
  source: 'Messages/API',
  events: {
    'Newest Page Loaded': props<{ conversationId: string; messages: MessageView[]; hasOlder: boolean }>(),
    'Newest Page Failed': props<{ conversationId: string; error: string }>(),
    'Older Page Loaded': props<{ conversationId: string; messages: MessageView[]; hasOlder: boolean }>(),
    'Older Page Failed': props<{ conversationId: string; error: string }>(),
    'Newer Page Loaded': props<{ conversationId: string; messages: MessageView[]; hasNewer: boolean }>(),
    'Newer Page Failed': props<{ conversationId: string; error: string }>(),
    /** Everything newer than the last message held, fetched after a reconnect. */
    'Caught Up': props<{ conversationId: string; messages: MessageView[] }>(),
    'Send Succeeded': props<{ message: MessageView }>(),
    /** `permanent`: sending again would be refused the same way (not friends, blocked), so no Retry is offered. */
    'Send Failed': props<{
      conversationId: string;
      senderId: string;
      clientId: string;
      error: string;
      code?: string | null;
      permanent?: boolean;
    }>(),
    'Edit Succeeded': props<{ message: MessageView }>(),
    'Edit Failed': props<{ conversationId: string; messageId: string; error: string }>(),
    'Delete Succeeded': props<{ message: MessageView }>(),
    'Delete Failed': props<{ conversationId: string; messageId: string; error: string }>(),
    'Reactions Changed': props<MessageReactionsView>(),
    /** The toggle was refused: mine is set back. */
    'Reaction Failed': props<ReactionToggle & { error: string }>(),
    'Forward Succeeded': props<{ message: MessageView }>(),
    'Forward Failed': props<{ conversationId: string; error: string }>(),
    /** The history around the message a jump asked for: it replaces what the thread held. */
    'Jump Loaded': props<{
      conversationId: string;
      messageId: string;
      messages: MessageView[];
      hasOlder: boolean;
      hasNewer: boolean;
    }>(),
    'Jump Failed': props<{ conversationId: string; messageId: string; error: string }>(),
    'Delete For Me Succeeded': props<{ conversationId: string; messageId: string }>(),
    'Delete For Me Failed': props<{ conversationId: string; messageId: string; error: string }>(),
  },
});

/** The upload of a message's picture or video; the message is sent with the stored media's id once it is done. */
export const MediaApiActions = createActionGroup({
  source: 'Media/API',
  events: {
    'Upload Progressed': props<{ conversationId: string; senderId: string; clientId: string; progress: number }>(),
    /** Carries the caption and the quoted original, so the send that follows needs nothing else. */
    'Upload Succeeded': props<{
      conversationId: string;
      senderId: string;
      clientId: string;
      media: MediaView;
      caption?: string;
      replyTo?: ReplyQuoteView;
    }>(),
    /** `permanent`: the server refused the file itself (its type, its size), so uploading it again can't help. */
    'Upload Failed': props<{
      conversationId: string;
      senderId: string;
      clientId: string;
      error: string;
      permanent?: boolean;
    }>(),
  },
});

/** Server events about conversations, as the socket delivers them. */
export const ChatSocketActions = createActionGroup({
  source: 'Chat/Socket',
  events: {
    'Message Received': props<{ message: MessageView }>(),
    'Message Updated': props<{ message: MessageView }>(),
    'Message Deleted': props<MessageDeletedPayload>(),
    'Reactions Changed': props<MessageReactionsView>(),
    /** I deleted a message for myself in another tab. */
    'Message Hidden': props<MessageHiddenPayload>(),
    'Conversation Delivered': props<ReceiptPayload>(),
    'Conversation Read': props<ReceiptPayload>(),
    'Typing Changed': props<TypingPayload>(),
    /** Someone we share a conversation with erased their account. */
    'Participant Erased': props<UserErasedPayload>(),
    /** A group I am in changed (name, picture, members, roles), or I was added to one. */
    'Conversation Updated': props<ConversationUpdatedPayload>(),
    /** I was removed from a group or left it: it stays readable up to `upToSeq`. */
    'Conversation Removed': props<ConversationRemovedPayload>(),
  },
});

/** What this client does on its own when the connection comes back. */
export const ChatConnectionActions = createActionGroup({
  source: 'Chat/Connection',
  events: {
    /** A message that failed for want of a connection goes again by itself, as if Retry had been clicked. */
    'Unsent Resent': props<{ message: ChatMessage }>(),
  },
});

/** Receipts and typing this client keeps track of on its own. */
export const ChatReceiptActions = createActionGroup({
  source: 'Chat/Receipts',
  events: {
    /** The open conversation was marked read on the server up to `upTo`. */
    'Read Sent': props<{ conversationId: string; upTo: string }>(),
    /** No typing update from `userId` for a while: they stopped without saying so (closed the tab, lost signal). */
    'Typing Expired': props<{ conversationId: string; userId: string }>(),
  },
});
