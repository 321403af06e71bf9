import type { ConversationView, MediaView, MessageView } from '@contracts/messages';
import type { MessageDeletedPayload, ReceiptPayload, TypingPayload, UserErasedPayload } from '@contracts/socket-events';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

import type { ChatMessage, OutgoingMessage } from '../chat-models';

/** What the person does in the chat page (list, message window, composer). */
export const ChatPageActions = createActionGroup({
  source: 'Chat Page',
  events: {
    Opened: props<{ conversationId: string }>(),
    /** Back to the list: no conversation is open. */
    Closed: emptyProps(),
    'Older Requested': props<{ conversationId: string }>(),
    'Message Sent': props<{ message: OutgoingMessage }>(),
    'Retry Clicked': props<{ message: ChatMessage }>(),
    /** A message that never reached the server (a failed upload or send) is dropped. */
    'Unsent Removed': props<{ message: ChatMessage }>(),
    'Edit Submitted': props<{ conversationId: string; messageId: string; text: string }>(),
    'Delete Confirmed': props<{ conversationId: string; messageId: string }>(),
    'Composer Typed': props<{ conversationId: string }>(),
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
    /** Everything newer than the last message held, fetched after a reconnect. */
    'Caught Up': props<{ conversationId: string; messages: MessageView[] }>(),
    'Send Succeeded': props<{ message: MessageView }>(),
    'Send Failed': props<{ conversationId: string; senderId: string; clientId: string; error: string }>(),
    'Edit Succeeded': props<{ message: MessageView }>(),
    'Edit Failed': props<{ conversationId: string; messageId: string; error: string }>(),
    'Delete Succeeded': props<{ message: MessageView }>(),
    'Delete Failed': props<{ conversationId: string; messageId: string; error: string }>(),
  },
});

/** The upload of a message's picture or video; the message is sent with the stored media's id once it is done. */
export const MediaApiActions = createActionGroup({
  source: 'Media/API',
  events: {
    'Upload Progressed': props<{ conversationId: string; senderId: string; clientId: string; progress: number }>(),
    /** Carries the caption, so the send that follows needs nothing else. */
    'Upload Succeeded': props<{
      conversationId: string;
      senderId: string;
      clientId: string;
      media: MediaView;
      caption?: string;
    }>(),
    'Upload Failed': props<{ conversationId: string; senderId: string; clientId: string; error: string }>(),
  },
});

/** Server events about conversations, as the socket delivers them. */
export const ChatSocketActions = createActionGroup({
  source: 'Chat/Socket',
  events: {
    'Message Received': props<{ message: MessageView }>(),
    'Message Updated': props<{ message: MessageView }>(),
    'Message Deleted': props<MessageDeletedPayload>(),
    'Conversation Delivered': props<ReceiptPayload>(),
    'Conversation Read': props<ReceiptPayload>(),
    'Typing Changed': props<TypingPayload>(),
    /** Someone we share a conversation with erased their account. */
    'Participant Erased': props<UserErasedPayload>(),
  },
});

/** Receipts and typing this client keeps track of on its own. */
export const ChatReceiptActions = createActionGroup({
  source: 'Chat/Receipts',
  events: {
    /** The open conversation was marked read on the server up to `upTo`. */
    'Read Sent': props<{ conversationId: string; upTo: string }>(),
    /** No typing update for a while: the other person stopped without saying so (closed the tab, lost signal). */
    'Typing Expired': props<{ conversationId: string }>(),
  },
});
