import { ME, buildChatMessage, buildConversation } from '../../testing/chat-builders';
import { selectOpenReceipt, selectReadTarget } from './chat-selectors';

describe('selectOpenReceipt', () => {
  const mine = buildChatMessage({ senderId: ME });
  const later = buildChatMessage({ senderId: ME });
  const receiptFor = (delivered: string | null, read: string | null, messages = [mine, later]) =>
    selectOpenReceipt.projector(buildConversation({ deliveredUpTo: delivered, readUpTo: read }), messages, ME);

  it('says Sent, Delivered or Seen for my last stored message', () => {
    expect(receiptFor(null, null)).toEqual({ messageId: later.id, receipt: 'Sent' });
    expect(receiptFor(mine.id, null)?.receipt).toBe('Sent');
    expect(receiptFor(later.id, null)?.receipt).toBe('Delivered');
    expect(receiptFor(later.id, later.id)?.receipt).toBe('Seen');
  });

  it('ignores messages still being sent', () => {
    const pending = buildChatMessage({ id: '', senderId: ME, status: 'pending' });
    expect(receiptFor(mine.id, null, [mine, pending])).toEqual({ messageId: mine.id, receipt: 'Delivered' });
  });
});

describe('selectReadTarget', () => {
  it('is the newest message from the other person, from the preview or the messages held', () => {
    const theirs = buildChatMessage();
    const newer = buildChatMessage();
    const conversation = buildConversation({ lastMessage: theirs, unread: 2 });
    expect(selectReadTarget.projector(conversation, [])).toEqual({
      conversationId: conversation.id,
      upTo: theirs.id,
      unread: 2,
    });
    expect(selectReadTarget.projector(conversation, [theirs, newer])?.upTo).toBe(newer.id);
    expect(selectReadTarget.projector(buildConversation(), [buildChatMessage({ senderId: ME })])).toBeNull();
  });
});
