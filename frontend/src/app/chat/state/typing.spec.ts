import { idleTyping, TYPING_REFRESH_MS, type TypingEvent, type TypingState, typingStep } from './typing';

function play(events: [number, TypingEvent][]) {
  let state: TypingState = idleTyping;
  const sent: string[] = [];
  for (const [at, event] of events) {
    const step = typingStep(state, event, at);
    state = step.state;
    sent.push(...step.signals.map((s) => `${at} ${s.conversationId} ${s.typing}`));
  }
  return sent;
}

const input = (conversationId = 'c1'): TypingEvent => ({ kind: 'input', conversationId });
const stop: TypingEvent = { kind: 'stop' };

describe('typingStep', () => {
  it('says "typing" on the first keystroke and not for every one after it', () => {
    expect(
      play([
        [0, input()],
        [100, input()],
        [200, input()],
      ]),
    ).toEqual(['0 c1 true']);
  });

  it('repeats it while typing goes on, so the other side does not hide the indicator', () => {
    expect(
      play([
        [0, input()],
        [TYPING_REFRESH_MS - 1, input()],
        [TYPING_REFRESH_MS, input()],
      ]),
    ).toEqual(['0 c1 true', `${TYPING_REFRESH_MS} c1 true`]);
  });

  it('says "stopped" once, on send or idle, and nothing when not typing', () => {
    expect(
      play([
        [0, input()],
        [500, stop],
        [600, stop],
        [700, input()],
      ]),
    ).toEqual(['0 c1 true', '500 c1 false', '700 c1 true']);
    expect(play([[0, stop]])).toEqual([]);
  });

  it('stops in the previous conversation when typing moves to another', () => {
    expect(
      play([
        [0, input('c1')],
        [100, input('c2')],
      ]),
    ).toEqual(['0 c1 true', '100 c1 false', '100 c2 true']);
  });
});
