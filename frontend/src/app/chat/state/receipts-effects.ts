import { inject } from '@angular/core';
import type { ConversationView, MessageView } from '@contracts/messages';
import { MessageClientEvent } from '@contracts/socket-events';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { combineLatest, filter, map, mergeMap, tap, withLatestFrom } from 'rxjs';

import { RealtimeSocket } from '../../core/socket/realtime-socket';
import { laterBySeq } from '../chat-models';
import { PageVisibility } from '../page-visibility';
import { ChatReceiptActions, ChatSocketActions, ConversationsApiActions, MessagesApiActions } from './chat-actions';
import { selectMyId, selectReadTarget } from './chat-selectors';

interface Receipt {
  conversationId: string;
  upTo: string;
  /** The seq of upTo: receipts move forward by seq (ids are not in message order across server instances). */
  seq: number;
}

/** The newest message in `messages` that someone else sent, as a receipt for its conversation. */
function newestIncoming(conversationId: string, messages: readonly MessageView[], me: string | null): Receipt[] {
  let newest: MessageView | null = null;
  for (const message of messages) if (message.senderId !== me) newest = laterBySeq(newest, message);
  return newest ? [{ conversationId, upTo: newest.id, seq: newest.seq }] : [];
}

function listedIncoming(conversations: readonly ConversationView[], me: string | null): Receipt[] {
  return conversations.flatMap((c) => (c.lastMessage ? newestIncoming(c.id, [c.lastMessage], me) : []));
}

// Receipts already sent are remembered per person and conversation: another account may sign in in this tab.

/**
 * Tells the server this client got the other person's messages (live, in a page, or as the list preview), so
 * they see "Delivered". Each conversation is acknowledged up to a given id once per connection; while the socket
 * is down nothing is recorded, and the reload of the list after reconnecting acknowledges again.
 */
export const acknowledgeReceived$ = createEffect(
  (actions$ = inject(Actions), store = inject(Store), socket = inject(RealtimeSocket)) => {
    const acknowledged = new Map<string, number>();
    return actions$.pipe(
      ofType(
        ChatSocketActions.messageReceived,
        MessagesApiActions.newestPageLoaded,
        MessagesApiActions.caughtUp,
        ConversationsApiActions.listLoaded,
      ),
      withLatestFrom(store.select(selectMyId)),
      mergeMap(([action, me]) =>
        ('message' in action
          ? newestIncoming(action.message.conversationId, [action.message], me)
          : 'conversations' in action
            ? listedIncoming(action.conversations, me)
            : newestIncoming(action.conversationId, action.messages, me)
        ).map((receipt) => ({ ...receipt, key: `${me}:${receipt.conversationId}` })),
      ),
      filter(({ key, seq }) => socket.connected && seq > (acknowledged.get(key) ?? 0)),
      tap(({ key, conversationId, upTo, seq }) => {
        acknowledged.set(key, seq);
        socket.notify(MessageClientEvent.Received, { conversationId, upTo });
      }),
    );
  },
  { functional: true, dispatch: false },
);

/**
 * While a conversation is open and the tab visible, whatever the other person sends is read: tell the server (the
 * unread count drops on every tab, they see "Seen") and clear the count here at once.
 */
export const markOpenConversationRead$ = createEffect(
  (store = inject(Store), socket = inject(RealtimeSocket), visibility = inject(PageVisibility)) => {
    const sent = new Map<string, number>();
    return combineLatest([store.select(selectReadTarget), store.select(selectMyId), visibility.visible$]).pipe(
      map(([target, me, visible]) => (visible && target ? { ...target, key: `${me}:${target.conversationId}` } : null)),
      filter(
        (target): target is NonNullable<typeof target> =>
          target !== null && socket.connected && (target.unread > 0 || target.seq > (sent.get(target.key) ?? 0)),
      ),
      tap(({ key, conversationId, upTo, seq }) => {
        sent.set(key, seq);
        socket.notify(MessageClientEvent.Read, { conversationId, upTo });
      }),
      map(({ conversationId, upTo }) => ChatReceiptActions.readSent({ conversationId, upTo })),
    );
  },
  { functional: true },
);
