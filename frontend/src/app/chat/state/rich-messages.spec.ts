import type { Action } from '@ngrx/store';

import { buildMessage, CONVERSATION, GRACE, ME } from '../../testing/chat-builders';
import type { ChatMessage } from '../chat-models';
import { ChatPageActions, ChatSocketActions, MessagesApiActions } from './chat-actions';
import { initialMessagesState, messagesFeature, type MessagesState, threadAdapter } from './messages-feature';

const { reducer } = messagesFeature;
const run = (...actions: Action[]) =>
  [ChatPageActions.opened({ conversationId: CONVERSATION }), ...actions].reduce(
    (state, action) => reducer(state, action),
    initialMessagesState,
  );
const shown = (state: MessagesState): ChatMessage[] =>
  threadAdapter.getSelectors().selectAll(state.threads[CONVERSATION]!);
const byId = (state: MessagesState, id: string) => shown(state).find((message) => message.id === id)!;

const original = buildMessage({ text: 'lunch?' });
const reply = buildMessage({
  text: 'yes',
  replyTo: { id: original.id, senderId: GRACE, kind: 'text', text: 'lunch?' },
});
const loaded = MessagesApiActions.newestPageLoaded({
  conversationId: CONVERSATION,
  messages: [reply, original],
  hasOlder: false,
});
const ids = { conversationId: CONVERSATION, messageId: original.id };
const view = (version: number, reactions: { emoji: string; userIds: string[] }[]) =>
  ChatSocketActions.reactionsChanged({ ...ids, reactions, version });
const toggle = (emoji: string, on: boolean) => ChatPageActions.reactionToggled({ ...ids, userId: ME, emoji, on });

describe('rich messages in the thread', () => {
  describe('reactions', () => {
    it('keeps the newest list when views arrive out of order', () => {
      const newer = view(2, [{ emoji: '👍', userIds: [GRACE, ME] }]);
      const older = view(1, [{ emoji: '👍', userIds: [GRACE] }]);
      const state = run(loaded, newer, older);
      expect(byId(state, original.id).reactions).toEqual([{ emoji: '👍', userIds: [GRACE, ME] }]);
      expect(byId(state, original.id).reactionsVersion).toBe(2);
      // An empty list that is newer takes them all away.
      expect(byId(reducer(state, view(3, [])), original.id).reactions).toBeUndefined();
    });

    it('keeps newer reactions over an older copy of the message from a page or an edit', () => {
      let state = run(loaded, view(4, [{ emoji: '🎉', userIds: [GRACE] }]));
      state = reducer(state, ChatSocketActions.messageUpdated({ message: { ...original, text: 'lunch at 1?' } }));
      expect(byId(state, original.id)).toMatchObject({
        text: 'lunch at 1?',
        reactions: [{ emoji: '🎉', userIds: [GRACE] }],
      });
      const later = { ...original, reactions: [{ emoji: '👍', userIds: [ME] }], reactionsVersion: 5 };
      state = reducer(state, ChatSocketActions.messageUpdated({ message: later }));
      expect(byId(state, original.id).reactions).toEqual([{ emoji: '👍', userIds: [ME] }]);
    });

    it('shows my toggle at once and sets it back when the server refuses it', () => {
      let state = run(loaded, view(1, [{ emoji: '👍', userIds: [GRACE] }]), toggle('👍', true), toggle('😂', true));
      expect(byId(state, original.id).reactions).toEqual([
        { emoji: '👍', userIds: [GRACE, ME] },
        { emoji: '😂', userIds: [ME] },
      ]);
      // Grace's change arrives meanwhile; then my 😂 is refused: only mine goes, hers stays.
      state = reducer(
        state,
        view(2, [
          { emoji: '👍', userIds: [GRACE, ME] },
          { emoji: '🙏', userIds: [GRACE] },
        ]),
      );
      state = reducer(
        state,
        MessagesApiActions.reactionFailed({ ...ids, userId: ME, emoji: '👍', on: false, error: 'offline' }),
      );
      expect(byId(state, original.id).reactions).toEqual([
        { emoji: '👍', userIds: [GRACE, ME] },
        { emoji: '🙏', userIds: [GRACE] },
      ]);
      state = reducer(state, toggle('👍', false));
      expect(byId(state, original.id).reactions).toEqual([
        { emoji: '👍', userIds: [GRACE] },
        { emoji: '🙏', userIds: [GRACE] },
      ]);
      state = reducer(
        state,
        MessagesApiActions.reactionFailed({ ...ids, userId: ME, emoji: '👍', on: false, error: 'x' }),
      );
      expect(byId(state, original.id).reactions![0]).toEqual({ emoji: '👍', userIds: [GRACE, ME] });
    });

    it('drops the reactions of a message deleted for everyone, and a late view does not bring them back', () => {
      let state = run(loaded, view(1, [{ emoji: '👍', userIds: [GRACE] }]));
      state = reducer(
        state,
        ChatSocketActions.messageDeleted({
          id: original.id,
          conversationId: CONVERSATION,
          deletedAt: '2026-03-02T11:00:00.000Z',
        }),
      );
      expect(byId(state, original.id).reactions).toBeUndefined();
      state = reducer(state, view(2, [{ emoji: '👍', userIds: [GRACE, ME] }]));
      expect(byId(state, original.id).reactions).toBeUndefined();
    });
  });

  describe('quotes', () => {
    it('shows a quote of an original I deleted for myself without its text', () => {
      const state = run(loaded, ChatSocketActions.messageHidden({ id: original.id, conversationId: CONVERSATION }));
      expect(shown(state).map((message) => message.id)).toEqual([reply.id]);
      expect(byId(state, reply.id).replyTo).toEqual({ id: original.id, senderId: GRACE, kind: 'text' });
    });

    it('follows the edit and the deletion of the original', () => {
      let state = run(loaded, ChatSocketActions.messageUpdated({ message: { ...original, text: 'dinner?' } }));
      expect(byId(state, reply.id).replyTo!.text).toBe('dinner?');
      const deletedAt = '2026-03-02T11:00:00.000Z';
      state = reducer(
        state,
        ChatSocketActions.messageDeleted({ id: original.id, conversationId: CONVERSATION, deletedAt }),
      );
      expect(byId(state, reply.id).replyTo).toEqual({ id: original.id, senderId: GRACE, kind: 'text', deletedAt });
    });
  });
});
