import { createFeature, createReducer, on } from '@ngrx/store';

import { AuthApiActions, AuthTabActions } from '../../core/auth/auth-actions';
import { ChatPageActions, DraftsStorageActions } from './chat-actions';

/** Conversation id → the unsent text typed there. Kept on this device (see drafts-effects), gone at sign-out. */
export interface DraftsState {
  drafts: Record<string, string>;
}

export const initialDraftsState: DraftsState = { drafts: {} };

function withDraft(state: DraftsState, conversationId: string, text: string): DraftsState {
  if ((state.drafts[conversationId] ?? '') === text) return state;
  const { [conversationId]: _old, ...rest } = state.drafts;
  return { drafts: text ? { ...rest, [conversationId]: text } : rest };
}

export const draftsFeature = createFeature({
  name: 'drafts',
  reducer: createReducer(
    initialDraftsState,
    on(DraftsStorageActions.restored, (state, { drafts }): DraftsState => ({ drafts: { ...drafts, ...state.drafts } })),
    on(ChatPageActions.draftChanged, (state, { conversationId, text }): DraftsState =>
      withDraft(state, conversationId, text.trim() ? text : ''),
    ),
    on(ChatPageActions.messageSent, (state, { message }): DraftsState => withDraft(state, message.conversationId, '')),
    on(
      AuthApiActions.signedOut,
      AuthApiActions.sessionExpired,
      AuthTabActions.signedOutElsewhere,
      (): DraftsState => initialDraftsState,
    ),
  ),
});
