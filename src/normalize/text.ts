/**
 * Letters NFKD leaves whole because they are letters of their own, not a base letter with
 * a mark; folded the way their languages transliterate them into ASCII.
 */
const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't',
};
const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

/**
 * Lowercase text with its diacritics removed (compatibility forms too: 'ﬁ' -> 'fi').
 * Punctuation and spacing are left to the caller.
 * @example foldText('Łódź Straße Ørsted') // 'lodz strasse orsted'
 */
export function foldText(raw: string): string {
  return raw
    .normalize('NFKD')
    .toLowerCase()
    .replace(FOLDABLE, (letter) => LETTER_FOLDS[letter] ?? letter)
    .replace(/\p{M}+/gu, '');
}
