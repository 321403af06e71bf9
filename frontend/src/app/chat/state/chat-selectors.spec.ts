import {
  BEN,
  buildChatMessage,
  buildConversation,
  buildGroup,
  buildMessage,
  GRACE,
  GROUP,
  ME,
} from '../../testing/chat-builders';
import { selectOpenGroupReceipt, selectOpenReceipt, selectReadTarget } from './chat-selectors';

describe('selectOpenReceipt', () => {
  const mine = buildChatMessage({ senderId: ME });
  const later = buildChatMessage({ senderId: ME });
  const receiptFor = (delivered: string | null, read: string | null, messages = [mine, later]) =>
    selectOpenReceipt.projector(buildConversation({ deliveredUpTo: delivered, readUpTo: read }), messages, ME);

  it('says Sent, Delivered or Seen for my last stored message', () => {
    expect(receiptFor(null, null)).toEqual({ messageId: later.id, receipt: 'sent' });
    expect(receiptFor(mine.id, null)?.receipt).toBe('sent');
    expect(receiptFor(later.id, null)?.receipt).toBe('delivered');
    expect(receiptFor(later.id, later.id)?.receipt).toBe('seen');
  });

  it('compares by seq: ids made on different server instances are not in message order', () => {
    const first = buildChatMessage({ id: 'f'.repeat(24), senderId: ME });
    const second = buildChatMessage({ id: '0'.repeat(23) + '1', senderId: ME });
    expect(receiptFor(first.id, first.id, [first, second])).toEqual({ messageId: second.id, receipt: 'sent' });
    expect(receiptFor(second.id, first.id, [first, second])?.receipt).toBe('delivered');
    expect(receiptFor(second.id, second.id, [first, second])?.receipt).toBe('seen');
    // A receipt for a message not held here (older than the page shown) covers nothing shown.
    expect(receiptFor('e'.repeat(24), null, [first, second])?.receipt).toBe('sent');
  });

  it('ignores messages still being sent', () => {
    const pending = buildChatMessage({ id: '', senderId: ME, status: 'pending' });
    expect(receiptFor(mine.id, null, [mine, pending])).toEqual({ messageId: mine.id, receipt: 'delivered' });
  });
});

describe('selectReadTarget', () => {
  it('is the newest message from the other person, from the preview or the messages held', () => {
    const theirs = buildChatMessage();
    const newer = buildChatMessage();
    const conversation = buildConversation({ lastMessage: theirs, unread: 2 });
    expect(selectReadTarget.projector(conversation, [], ME)).toEqual({
      conversationId: conversation.id,
      upTo: theirs.id,
      seq: theirs.seq,
      unread: 2,
    });
    expect(selectReadTarget.projector(conversation, [theirs, newer], ME)?.upTo).toBe(newer.id);
    expect(selectReadTarget.projector(buildConversation(), [buildChatMessage({ senderId: ME })], ME)).toBeNull();
  });

  it('is the newest by seq, not by id', () => {
    const newer = buildChatMessage({ id: '0'.repeat(23) + '1' });
    const older = buildChatMessage({ id: 'f'.repeat(24), seq: newer.seq - 1 });
    const conversation = buildConversation({ lastMessage: older });
    expect(selectReadTarget.projector(conversation, [older, newer], ME)).toMatchObject({
      upTo: newer.id,
      seq: newer.seq,
    });
  });
});

describe('selectOpenGroupReceipt', () => {
  const mine = buildChatMessage({ conversationId: GROUP, senderId: ME });
  const marks = (userId: string, delivered: number | null, read: number | null) => ({
    userId,
    deliveredUpTo: delivered === null ? null : 'x',
    deliveredUpToSeq: delivered,
    readUpTo: read === null ? null : 'x',
    readUpToSeq: read,
  });
  const groupWith = (...memberMarks: ReturnType<typeof marks>[]) => {
    const group = buildGroup();
    return {
      ...group,
      members: group.members!.map((m) => ({ ...m, ...memberMarks.find((x) => x.userId === m.userId) })),
    };
  };

  it('names who has seen my last message and counts whom it reached, by seq, without me', () => {
    const group = groupWith(
      marks(GRACE, mine.seq, null),
      marks(BEN, mine.seq - 1, null),
      marks(ME, mine.seq, mine.seq),
    );
    expect(selectOpenGroupReceipt.projector(group, [mine], ME)).toEqual({
      messageId: mine.id,
      seenBy: [],
      deliveredTo: ['Grace Hopper'],
      total: 2,
    });
    const seen = groupWith(marks(GRACE, mine.seq, mine.seq + 1), marks(BEN, mine.seq, null));
    expect(selectOpenGroupReceipt.projector(seen, [mine], ME)).toMatchObject({
      seenBy: ['Grace Hopper'],
      deliveredTo: ['Grace Hopper', 'Ben Bitdiddle'],
    });
  });

  it('is nothing in a direct chat, a group I left, or for system lines', () => {
    expect(selectOpenGroupReceipt.projector(buildConversation(), [mine], ME)).toBeNull();
    expect(selectOpenGroupReceipt.projector({ ...buildGroup(), left: true }, [mine], ME)).toBeNull();
    const system = {
      ...buildMessage({ senderId: ME, kind: 'system', system: { event: 'left', actorId: ME } }),
      status: 'sent' as const,
    };
    expect(selectOpenGroupReceipt.projector(buildGroup(), [system], ME)).toBeNull();
  });
});
