/** Lowercase without accents, so "José" is found by "jose" and "JOSÉ". */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * What people search a display name by: the whole name and each of its words, folded. Stored on the user as a
 * multikey-indexed array, so "baker" finds "Ada Baker" with an anchored regex on one index ({nameKeys: 1}).
 */
export function nameKeys(displayName: string): string[] {
  const whole = foldForSearch(displayName.trim());
  const words = whole.split(/[\s\-_.]+/u).filter(Boolean);
  return [...new Set([whole, ...words])];
}

/** The fields to write whenever a display name is set. */
export function displayNameFields(displayName: string): { displayName: string; nameKeys: string[] } {
  return { displayName, nameKeys: nameKeys(displayName) };
}
