import { buildConversation, buildMessage, ME } from '../testing/chat-builders';
import { dayLabel, listTimeLabel, presenceText, previewText, timeLabel } from './chat-format';

/** A local time, as the person's clock shows it. */
const at = (day: number, hour: number, minute = 0) => new Date(2026, 2, day, hour, minute).toISOString();

describe('chat-format', () => {
  const now = new Date(2026, 2, 12, 18).getTime();

  it('words times in the locale it is given, not the browser’s', () => {
    expect(timeLabel(at(12, 14, 5), 'de')).toBe('14:05');
    expect(timeLabel(at(12, 14, 5), 'en-US')).toMatch(/^2:05\sPM$/);
  });

  it('words the chat list’s weekdays and dates in that locale', () => {
    expect(listTimeLabel(at(12, 9, 30), now, 'de')).toBe('9:30');
    expect(listTimeLabel(at(9, 9), now, 'de')).toMatch(/^Mo\.?$/);
    expect(listTimeLabel(at(1, 9), now, 'de')).toBe('1. März');
    expect(listTimeLabel(at(1, 9), now, 'en-US')).toBe('Mar 1');
  });

  it('words day separators and last-seen dates in that locale', () => {
    expect(dayLabel(at(9, 9), now, 'de')).toBe('Montag, 9. März');
    expect(dayLabel(new Date(2025, 11, 24, 9).toISOString(), now, 'de')).toBe('24. Dezember 2025');
    const person = { id: 'u1', username: 'grace', displayName: 'Grace', avatarUrl: null, bio: '', online: false };
    expect(presenceText({ ...person, lastSeenAt: at(12, 7, 45) }, now, 'de')).toBe('Last seen today at 7:45');
  });

  it('previews a document by its name and audio as a voice message, with the caption after them', () => {
    const media = { id: 'm1', mime: 'application/pdf', size: 2048, url: '/api/media/m1' };
    const pdf = buildMessage({ kind: 'file', text: undefined, media: { ...media, kind: 'file', name: 'Report.pdf' } });
    expect(previewText(buildConversation({ lastMessage: pdf }), ME, 'en')).toBe('📄 Report.pdf');
    const captioned = { ...pdf, text: 'for Monday' };
    expect(previewText(buildConversation({ lastMessage: captioned }), ME, 'en')).toBe('📄 Report.pdf: for Monday');
    // The chat list's copy after a reload carries the kind only.
    const reloaded = buildMessage({ kind: 'file', text: undefined, senderId: ME });
    expect(previewText(buildConversation({ lastMessage: reloaded }), ME, 'en')).toBe('You: 📄 Document');
    const voice = buildMessage({
      kind: 'audio',
      text: undefined,
      media: { ...media, kind: 'audio', mime: 'audio/webm' },
    });
    expect(previewText(buildConversation({ lastMessage: voice }), ME, 'en')).toBe('🎤 Voice message');
  });
});
