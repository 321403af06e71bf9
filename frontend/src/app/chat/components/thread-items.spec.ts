import { buildChatMessage, GRACE, ME } from '../../testing/chat-builders';
import { threadItems } from './thread-items';

/** Local times, so day boundaries hold in any time zone. */
const at = (day: number, hour: number, minute = 0) => new Date(2026, 2, day, hour, minute).toISOString();
const now = new Date(2026, 2, 2, 18, 0).getTime();

describe('threadItems', () => {
  it('groups consecutive messages by sender, with the time on the last of each group', () => {
    const items = threadItems(
      [
        buildChatMessage({ senderId: GRACE, createdAt: at(2, 10, 0) }),
        buildChatMessage({ senderId: GRACE, createdAt: at(2, 10, 1) }),
        buildChatMessage({ senderId: ME, createdAt: at(2, 10, 2) }),
        buildChatMessage({ senderId: GRACE, createdAt: at(2, 10, 3) }),
      ],
      ME,
      now,
      'en-US',
    );
    expect(
      items.map((item) =>
        item.kind !== 'message' ? item.kind : `${item.mine ? 'me' : 'them'} ${item.first} ${item.last}`,
      ),
    ).toEqual(['day', 'them true false', 'them false true', 'me true true', 'them true true']);
  });

  it('starts a new group after a long pause and a separator on a new day', () => {
    const items = threadItems(
      [
        buildChatMessage({ createdAt: at(1, 10) }),
        buildChatMessage({ createdAt: at(2, 10) }),
        buildChatMessage({ createdAt: at(2, 10, 30) }),
      ],
      ME,
      now,
      'en-US',
    );
    expect(
      items.map((item) => (item.kind === 'day' ? item.label : item.kind === 'message' ? `${item.first}` : '')),
    ).toEqual(['Yesterday', 'true', 'Today', 'true', 'true']);
  });

  it('puts "New messages" before the first unread message, which starts a group of its own', () => {
    const [read, unread] = [
      buildChatMessage({ senderId: GRACE, createdAt: at(2, 10, 0) }),
      buildChatMessage({ senderId: GRACE, createdAt: at(2, 10, 1) }),
    ];
    const items = threadItems([read, unread], ME, now, 'en-US', `${unread.senderId}:${unread.clientId}`);
    expect(items.map((item) => (item.kind === 'message' ? `message ${item.first} ${item.last}` : item.kind))).toEqual([
      'day',
      'message true true',
      'unread',
      'message true true',
    ]);
  });

  it('puts a system line on its own, ending the run before it and starting a new one after it', () => {
    const items = threadItems(
      [
        buildChatMessage({ senderId: GRACE, createdAt: at(2, 10, 0) }),
        buildChatMessage({
          senderId: GRACE,
          kind: 'system',
          system: { event: 'left', actorId: GRACE },
          createdAt: at(2, 10, 1),
        }),
        buildChatMessage({ senderId: GRACE, createdAt: at(2, 10, 2) }),
      ],
      ME,
      now,
      'en-US',
    );
    expect(items.map((item) => (item.kind !== 'message' ? item.kind : `${item.first} ${item.last}`))).toEqual([
      'day',
      'true true',
      'system',
      'true true',
    ]);
  });
});
