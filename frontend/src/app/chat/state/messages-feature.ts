import type { MessageView } from '@contracts/messages';
import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';

import { AuthApiActions, AuthTabActions } from '../../core/auth/auth-actions';
import {
  type ChatMessage,
  compareMessages,
  type DeliveryStatus,
  mergeMessage,
  messageKey,
  pendingMessage,
} from '../chat-models';
import {
  ChatConnectionActions,
  ChatPageActions,
  ChatSocketActions,
  MediaApiActions,
  MessagesApiActions,
} from './chat-actions';
import { withMyReaction, withQuotesHidden, withQuotesOf, withReactions } from './rich-messages';

/** The messages held for one conversation, keyed by sender + clientId (see `messageKey`). */
export interface Thread extends EntityState<ChatMessage> {
  /** `loading` until the newest page arrived; only `loaded` threads are kept live and caught up. */
  status: 'idle' | 'loading' | 'loaded' | 'error';
  error: string | null;
  /** The server has older messages than the oldest held. */
  hasOlder: boolean;
  loadingOlder: boolean;
  /**
   * The server has newer messages than the newest held: the thread holds a window around an older message (a search
   * result, a reply's original), not the newest page, until scrolling down or "Jump to latest" joins it up.
   */
  hasNewer: boolean;
  loadingNewer: boolean;
  /** Live messages newer than such a window: kept aside (the newest ones) and put in once it reaches them. */
  arrivedAway: MessageView[];
  /** How many messages arrived live while the window was away from the newest ("Jump to latest" shows it). */
  arrivedAwayCount: number;
  /** Why the last edit or delete failed. */
  actionError: string | null;
  /** Removed from the group or left it: the last seq I may see; later ones that still arrive are dropped. */
  upToSeq?: number;
}

/** How the last forward went: to which conversation, or why it failed. */
export interface ForwardResult {
  conversationId: string;
  error?: string;
}

export interface MessagesState {
  threads: Record<string, Thread | undefined>;
  /** Null while a forward is under way or none was made. */
  lastForward: ForwardResult | null;
}

export const threadAdapter = createEntityAdapter<ChatMessage>({ selectId: messageKey, sortComparer: compareMessages });
const { selectAll } = threadAdapter.getSelectors();

export const emptyThread: Thread = threadAdapter.getInitialState({
  status: 'idle' as const,
  error: null,
  hasOlder: false,
  loadingOlder: false,
  hasNewer: false,
  loadingNewer: false,
  arrivedAway: [],
  arrivedAwayCount: 0,
  actionError: null,
});

/** The most live messages kept aside while away from the newest (the window's last page covers older ones). */
const MAX_ARRIVED_AWAY = 200;

export const initialMessagesState: MessagesState = { threads: {}, lastForward: null };

function withThread(
  state: MessagesState,
  conversationId: string,
  change: (thread: Thread) => Thread,
  { create = false } = {},
): MessagesState {
  const thread = state.threads[conversationId];
  if (!thread && !create) return state;
  const next = change(thread ?? emptyThread);
  return next === thread ? state : { ...state, threads: { ...state.threads, [conversationId]: next } };
}

/** Folds server copies in; never shows one twice, whichever copy came first (see `mergeMessage`). */
function mergeAll(thread: Thread, messages: readonly MessageView[]): Thread {
  const { upToSeq } = thread;
  const readable = upToSeq === undefined ? messages : messages.filter((message) => message.seq <= upToSeq);
  if (!readable.length) return thread;
  const merged = readable.map((message) => mergeMessage(thread.entities[messageKey(message)], message));
  return threadAdapter.setMany(merged, thread);
}

/** The seq of the newest stored message held (0 when none). */
function newestStoredSeq(thread: Thread): number {
  let newest = 0;
  for (const key of thread.ids) newest = Math.max(newest, thread.entities[key]?.seq ?? 0);
  return newest;
}

/**
 * Live copies (new, edited, deleted messages). While the thread is a window away from the newest, one newer than the
 * window and not held would show after a hole: it is kept aside instead (`counted`: and counted as newly arrived).
 */
function mergeLive(thread: Thread, messages: readonly MessageView[], { counted = false } = {}): Thread {
  if (!thread.hasNewer) return mergeAll(thread, messages);
  const newest = newestStoredSeq(thread);
  const later = messages.filter((message) => message.seq > newest && !thread.entities[messageKey(message)]);
  if (!later.length) return mergeAll(thread, messages);
  const laterIds = new Set(later.map((message) => message.id));
  const fresh = later.filter((message) => !thread.arrivedAway.some((kept) => kept.id === message.id));
  const arrivedAway = [...thread.arrivedAway.filter((kept) => !laterIds.has(kept.id)), ...later].slice(
    -MAX_ARRIVED_AWAY,
  );
  return {
    ...mergeAll(
      thread,
      messages.filter((message) => !laterIds.has(message.id)),
    ),
    arrivedAway,
    arrivedAwayCount: thread.arrivedAwayCount + (counted ? fresh.length : 0),
  };
}

/**
 * The thread holding `page` (with what was not sent yet) instead of what it held: a window around a message, or
 * the newest page. Held messages newer than the page stay when the page reaches the newest (they came meanwhile), or
 * are kept aside when it does not.
 */
function replaceWith(thread: Thread, page: readonly MessageView[], hasOlder: boolean, hasNewer: boolean): Thread {
  const end = page.reduce((newest, message) => Math.max(newest, message.seq), 0);
  const held = thread.ids.map((key) => thread.entities[key]!);
  const unsent = held.filter((message) => !message.id);
  const newer = held.filter((message) => message.id && message.seq > end);
  const kept = [...unsent, ...(hasNewer ? [] : newer)];
  const base: Thread = {
    ...threadAdapter.setAll(kept, thread),
    status: 'loaded',
    hasOlder,
    loadingOlder: false,
    hasNewer,
    loadingNewer: false,
    arrivedAway: hasNewer ? newer.map(({ status: _status, ...message }) => message) : [],
    arrivedAwayCount: 0,
  };
  return mergeAll(base, hasNewer ? page : [...page, ...thread.arrivedAway]);
}

function setStatus(
  thread: Thread,
  key: string,
  from: DeliveryStatus,
  to: DeliveryStatus,
  failure?: { error: string; permanent: boolean },
): Thread {
  const message = thread.entities[key];
  if (message?.status !== from) return thread;
  const changes = { status: to, error: failure?.error, permanent: failure?.permanent || undefined };
  return threadAdapter.updateOne({ id: key, changes }, thread);
}

/** The thread with changed entities (the same thread when none changed); keys and order stay. */
function withEntities(thread: Thread, entities: Thread['entities']): Thread {
  return entities === thread.entities ? thread : { ...thread, entities };
}

/** Edits and deletions name the message by id; a thread holds a few hundred messages at most, so a scan is fine. */
function keyOfId(thread: Thread, id: string): string | undefined {
  // Keys are strings (`messageKey`); @ngrx/entity types ids as strings or numbers.
  return (thread.ids as string[]).find((key) => thread.entities[key]?.id === id);
}

export const messagesFeature = createFeature({
  name: 'messages',
  reducer: createReducer(
    initialMessagesState,
    on(ChatPageActions.opened, (state, { conversationId }): MessagesState =>
      withThread(
        state,
        conversationId,
        (thread) =>
          thread.status === 'idle' || thread.status === 'error'
            ? { ...thread, status: 'loading', error: null }
            : thread,
        { create: true },
      ),
    ),
    // Over a window away from the newest ("Jump to latest"), the newest page replaces it.
    on(MessagesApiActions.newestPageLoaded, (state, { conversationId, messages, hasOlder }): MessagesState =>
      withThread(state, conversationId, (thread) =>
        thread.hasNewer
          ? replaceWith(thread, messages, hasOlder, false)
          : { ...mergeAll(thread, messages), status: 'loaded', hasOlder },
      ),
    ),
    on(MessagesApiActions.newestPageFailed, (state, { conversationId, error }): MessagesState =>
      withThread(state, conversationId, (thread) => ({ ...thread, status: 'error', error })),
    ),
    on(ChatPageActions.olderRequested, (state, { conversationId }): MessagesState =>
      withThread(state, conversationId, (thread) =>
        thread.hasOlder && !thread.loadingOlder ? { ...thread, loadingOlder: true } : thread,
      ),
    ),
    on(MessagesApiActions.olderPageLoaded, (state, { conversationId, messages, hasOlder }): MessagesState =>
      withThread(state, conversationId, (thread) => ({ ...mergeAll(thread, messages), hasOlder, loadingOlder: false })),
    ),
    on(MessagesApiActions.olderPageFailed, (state, { conversationId }): MessagesState =>
      withThread(state, conversationId, (thread) => ({ ...thread, loadingOlder: false })),
    ),
    on(ChatPageActions.newerRequested, (state, { conversationId }): MessagesState =>
      withThread(state, conversationId, (thread) =>
        thread.hasNewer && !thread.loadingNewer ? { ...thread, loadingNewer: true } : thread,
      ),
    ),
    // The page that reaches the newest joins the window to the live end, with what arrived meanwhile.
    on(MessagesApiActions.newerPageLoaded, (state, { conversationId, messages, hasNewer }): MessagesState =>
      withThread(state, conversationId, (thread) => {
        const joined = mergeAll(thread, hasNewer ? messages : [...messages, ...thread.arrivedAway]);
        const away = hasNewer ? {} : { arrivedAway: [], arrivedAwayCount: 0 };
        return { ...joined, ...away, hasNewer, loadingNewer: false };
      }),
    ),
    on(MessagesApiActions.newerPageFailed, (state, { conversationId }): MessagesState =>
      withThread(state, conversationId, (thread) => ({ ...thread, loadingNewer: false })),
    ),
    on(MessagesApiActions.caughtUp, (state, { conversationId, messages }): MessagesState =>
      withThread(state, conversationId, (thread) => mergeLive(thread, messages)),
    ),
    // Only threads that are open or loading follow live events; the others load their newest page when opened.
    on(ChatSocketActions.messageReceived, (state, { message }): MessagesState =>
      withThread(state, message.conversationId, (thread) => mergeLive(thread, [message], { counted: true })),
    ),
    on(
      ChatSocketActions.messageUpdated,
      MessagesApiActions.sendSucceeded,
      MessagesApiActions.editSucceeded,
      MessagesApiActions.deleteSucceeded,
      (state, { message }): MessagesState =>
        withThread(state, message.conversationId, (thread) => mergeLive(thread, [message])),
    ),
    on(
      ChatSocketActions.messageUpdated,
      MessagesApiActions.editSucceeded,
      MessagesApiActions.deleteSucceeded,
      (state, { message }): MessagesState =>
        withThread(state, message.conversationId, (thread) =>
          withEntities(thread, withQuotesOf(thread.entities, message)),
        ),
    ),
    on(ChatSocketActions.messageDeleted, (state, { id, conversationId, deletedAt }): MessagesState =>
      withThread(state, conversationId, (thread) =>
        withEntities(thread, withQuotesOf(thread.entities, { id, deletedAt })),
      ),
    ),
    on(ChatSocketActions.reactionsChanged, MessagesApiActions.reactionsChanged, (state, view): MessagesState =>
      withThread(state, view.conversationId, (thread) => withEntities(thread, withReactions(thread.entities, view))),
    ),
    on(ChatPageActions.reactionToggled, (state, { conversationId, messageId, userId, emoji, on }): MessagesState =>
      withThread(state, conversationId, (thread) =>
        withEntities(thread, withMyReaction(thread.entities, messageId, userId, emoji, on)),
      ),
    ),
    on(MessagesApiActions.reactionFailed, (state, { conversationId, messageId, userId, emoji, on }): MessagesState =>
      withThread(state, conversationId, (thread) =>
        withEntities(thread, withMyReaction(thread.entities, messageId, userId, emoji, !on)),
      ),
    ),
    on(MessagesApiActions.forwardSucceeded, (state, { message }): MessagesState => ({
      ...withThread(state, message.conversationId, (thread) =>
        thread.status === 'loaded' ? mergeLive(thread, [message]) : thread,
      ),
      lastForward: { conversationId: message.conversationId },
    })),
    on(ChatPageActions.forwardConfirmed, (state): MessagesState => ({ ...state, lastForward: null })),
    on(MessagesApiActions.forwardFailed, (state, { conversationId, error }): MessagesState => ({
      ...state,
      lastForward: { conversationId, error },
    })),
    on(MessagesApiActions.jumpLoaded, (state, { conversationId, messages, hasOlder, hasNewer }): MessagesState =>
      withThread(state, conversationId, (thread) => replaceWith(thread, messages, hasOlder, hasNewer)),
    ),
    on(
      MessagesApiActions.reactionFailed,
      MessagesApiActions.jumpFailed,
      (state, { conversationId, error }): MessagesState =>
        withThread(state, conversationId, (thread) => ({ ...thread, actionError: error })),
    ),
    on(ChatSocketActions.conversationRemoved, (state, { conversationId, upToSeq }): MessagesState =>
      withThread(state, conversationId, (thread) => {
        const later = (thread.ids as string[]).filter((key) => (thread.entities[key]?.seq ?? 0) > upToSeq);
        return { ...threadAdapter.removeMany(later, thread), upToSeq };
      }),
    ),
    // A member again (added back): new messages come in as for anyone.
    on(ChatSocketActions.conversationUpdated, (state, { conversation }): MessagesState =>
      conversation.left
        ? state
        : withThread(state, conversation.id, (thread) => {
            if (thread.upToSeq === undefined) return thread;
            const { upToSeq: _upToSeq, ...member } = thread;
            return member;
          }),
    ),
    on(ChatSocketActions.messageDeleted, (state, { id, conversationId, deletedAt }): MessagesState =>
      withThread(state, conversationId, (thread) => {
        const key = keyOfId(thread, id);
        const message = key ? thread.entities[key] : undefined;
        if (!message) return thread;
        const { text: _text, media: _media, editedAt: _editedAt, reactions: _reactions, ...rest } = message;
        return threadAdapter.setOne({ ...rest, deletedAt, status: 'sent' }, thread);
      }),
    ),
    // Deleted for me (here or in another tab): gone from my view.
    on(MessagesApiActions.deleteForMeSucceeded, ChatSocketActions.messageHidden, (state, action): MessagesState => {
      const id = 'messageId' in action ? action.messageId : action.id;
      return withThread(state, action.conversationId, (thread) => {
        const key = keyOfId(thread, id);
        const shown = withEntities(thread, withQuotesHidden(thread.entities, id));
        return key ? threadAdapter.removeOne(key, shown) : shown;
      });
    }),
    on(ChatPageActions.messageSent, (state, { message }): MessagesState =>
      withThread(state, message.conversationId, (thread) => threadAdapter.setOne(pendingMessage(message), thread), {
        create: true,
      }),
    ),
    // A failure that arrives after the message was confirmed (message:new first, then the ack timed out) changes
    // nothing: the server has it.
    on(
      MessagesApiActions.sendFailed,
      (state, { conversationId, senderId, clientId, error, permanent = false }): MessagesState =>
        withThread(state, conversationId, (thread) =>
          setStatus(thread, messageKey({ senderId, clientId }), 'pending', 'failed', { error, permanent }),
        ),
    ),
    on(ChatPageActions.retryClicked, ChatConnectionActions.unsentResent, (state, { message }): MessagesState =>
      withThread(state, message.conversationId, (thread) => {
        const key = messageKey(message);
        const next = setStatus(thread, key, 'failed', 'pending');
        // A failed upload starts over; a stored one is only sent again.
        const upload = next.entities[key]?.upload;
        return upload?.failed
          ? threadAdapter.updateOne({ id: key, changes: { upload: { progress: 0, failed: false } } }, next)
          : next;
      }),
    ),
    on(ChatPageActions.unsentRemoved, (state, { message }): MessagesState =>
      withThread(state, message.conversationId, (thread) => {
        const key = messageKey(message);
        return thread.entities[key]?.status === 'failed' ? threadAdapter.removeOne(key, thread) : thread;
      }),
    ),
    on(MediaApiActions.uploadProgressed, (state, { conversationId, senderId, clientId, progress }): MessagesState =>
      withThread(state, conversationId, (thread) => {
        const key = messageKey({ senderId, clientId });
        const upload = thread.entities[key]?.upload;
        if (!upload || upload.failed) return thread;
        return threadAdapter.updateOne({ id: key, changes: { upload: { progress, failed: false } } }, thread);
      }),
    ),
    // The stored media's id is kept for the send (and a retried send); the local preview stays on screen.
    on(MediaApiActions.uploadSucceeded, (state, { conversationId, senderId, clientId, media }): MessagesState =>
      withThread(state, conversationId, (thread) => {
        const key = messageKey({ senderId, clientId });
        const message = thread.entities[key];
        if (!message?.upload || !message.media) return thread;
        const local = { ...media, url: message.media.url, thumbUrl: message.media.thumbUrl };
        // The server's judgement by content wins over the browser's guess (a .webm recording is audio).
        const changes = { kind: media.kind, media: local, upload: undefined };
        return threadAdapter.updateOne({ id: key, changes }, thread);
      }),
    ),
    on(
      MediaApiActions.uploadFailed,
      (state, { conversationId, senderId, clientId, error, permanent = false }): MessagesState =>
        withThread(state, conversationId, (thread) => {
          const key = messageKey({ senderId, clientId });
          if (!thread.entities[key]?.upload) return thread;
          const failed = { status: 'failed' as const, error, permanent: permanent || undefined };
          const changes = { ...failed, upload: { progress: 0, failed: true } };
          return threadAdapter.updateOne({ id: key, changes }, thread);
        }),
    ),
    on(
      ChatPageActions.editSubmitted,
      ChatPageActions.deleteConfirmed,
      ChatPageActions.deleteForMeConfirmed,
      (state, { conversationId }): MessagesState =>
        withThread(state, conversationId, (thread) => (thread.actionError ? { ...thread, actionError: null } : thread)),
    ),
    on(
      MessagesApiActions.editFailed,
      MessagesApiActions.deleteFailed,
      MessagesApiActions.deleteForMeFailed,
      (state, { conversationId, error }): MessagesState =>
        withThread(state, conversationId, (thread) => ({ ...thread, actionError: error })),
    ),
    on(
      AuthApiActions.signedOut,
      AuthApiActions.sessionExpired,
      AuthTabActions.signedOutElsewhere,
      (): MessagesState => initialMessagesState,
    ),
  ),
  extraSelectors: ({ selectThreads }) => ({
    selectThread: (conversationId: string) => createSelector(selectThreads, (threads) => threads[conversationId]),
    selectThreadMessages: (conversationId: string) =>
      createSelector(selectThreads, (threads) => {
        const thread = threads[conversationId];
        return thread ? selectAll(thread) : [];
      }),
  }),
});

/**
 * Where to catch up from: the newest stored message with no missing seq before it among those held. With several
 * instances a message can arrive before one with a smaller seq, and that one's broadcast can die with its instance,
 * so catching up from the newest message held could skip it for good. A seq the server never used only makes the
 * next catch-up fetch a few held messages again (merged, not shown twice).
 */
export function catchUpCursor(thread: Thread): string | null {
  let cursor: ChatMessage | undefined;
  for (const key of thread.ids) {
    const message = thread.entities[key];
    // Unsent messages sort last.
    if (!message?.id || (cursor && message.seq > cursor.seq + 1)) break;
    cursor = message;
  }
  return cursor?.id ?? null;
}

/** The newest stored message held, to page on from in a window away from the newest. */
export function lastStoredId(thread: Thread): string | null {
  for (let i = thread.ids.length - 1; i >= 0; i--) {
    const id = thread.entities[thread.ids[i]]?.id;
    if (id) return id;
  }
  return null;
}

/** The oldest message held, to page back from. */
export function firstStoredId(thread: Thread): string | null {
  return thread.ids.length ? thread.entities[thread.ids[0]]?.id || null : null;
}
