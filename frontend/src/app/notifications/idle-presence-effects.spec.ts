import type { RealtimeSocket } from '../core/socket/realtime-socket';
import { reportIdle$ } from './idle-presence-effects';

const IDLE_AFTER_MS = 10 * 60_000;

describe('reportIdle$', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reports idle after 10 minutes without input, and active again at the next input', () => {
    const socket = { notify: jest.fn() };
    const subscription = reportIdle$(socket as unknown as RealtimeSocket, document).subscribe();
    expect(socket.notify.mock.calls).toEqual([['presence:idle', { idle: false }]]);

    jest.advanceTimersByTime(IDLE_AFTER_MS - 1_000);
    document.dispatchEvent(new Event('keydown'));
    jest.advanceTimersByTime(IDLE_AFTER_MS - 1_000);
    expect(socket.notify).toHaveBeenCalledTimes(1);

    jest.advanceTimersByTime(1_000);
    expect(socket.notify).toHaveBeenLastCalledWith('presence:idle', { idle: true });
    document.dispatchEvent(new Event('pointerdown'));
    expect(socket.notify).toHaveBeenLastCalledWith('presence:idle', { idle: false });
    expect(socket.notify).toHaveBeenCalledTimes(3);
    subscription.unsubscribe();
  });
});
