import emojiRegex from 'emoji-regex';

/** The longest emoji sequence we take (a family with skin tones is about a dozen code units). */
const MAX_EMOJI_LENGTH = 32;

/** Exactly one emoji: one grapheme of the Unicode emoji set, with its modifiers, flags and joined sequences. */
export function isSingleEmoji(value: unknown): boolean {
  if (typeof value !== 'string' || !value || value.length > MAX_EMOJI_LENGTH) return false;
  const matches = value.match(emojiRegex());
  return matches?.length === 1 && matches[0] === value;
}
