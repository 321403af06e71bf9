/** Typing is sent again this often while the person keeps typing, so the other side's indicator stays up. */
export const TYPING_REFRESH_MS = 3_000;
/** No keystroke for this long: stopped typing. */
export const TYPING_IDLE_MS = 3_000;
/** The indicator hides by itself when no update came for this long. */
export const TYPING_EXPIRE_MS = 5_000;

export interface TypingState {
  conversationId: string | null;
  typing: boolean;
  sentAt: number;
}

export type TypingEvent = { kind: 'input'; conversationId: string } | { kind: 'stop' };

export interface TypingSignal {
  conversationId: string;
  typing: boolean;
}

export const idleTyping: TypingState = { conversationId: null, typing: false, sentAt: 0 };

/**
 * What to tell the server after a keystroke or a stop (send, idle, leaving the conversation): `true` on the first
 * keystroke and again every TYPING_REFRESH_MS while typing goes on, `false` once when it stops. The server allows
 * about two typing events a second; this sends one every few seconds at most.
 */
export function typingStep(
  state: TypingState,
  event: TypingEvent,
  now: number,
): { state: TypingState; signals: TypingSignal[] } {
  const signals: TypingSignal[] = [];
  const stopCurrent = () => {
    if (state.typing && state.conversationId) signals.push({ conversationId: state.conversationId, typing: false });
  };
  if (event.kind === 'stop') {
    stopCurrent();
    return { state: idleTyping, signals };
  }
  if (state.typing && state.conversationId === event.conversationId && now - state.sentAt < TYPING_REFRESH_MS) {
    return { state, signals };
  }
  if (state.conversationId !== event.conversationId) stopCurrent();
  signals.push({ conversationId: event.conversationId, typing: true });
  return { state: { conversationId: event.conversationId, typing: true, sentAt: now }, signals };
}
