// Python's `re` character classes for str patterns (docs/python-values.md#regex-character-classes), for
// the hand-written scanners that replace A1111 regexes which backtrack badly in JavaScript (the infotext's
// `re_param`, the prompt's `BREAK` split). Code points, not UTF-16 units.

/** `\s`: `str.isspace()` — ASCII whitespace, the separators U+001C–U+001F, U+0085, and Unicode spaces. */
export function isPythonSpace(cp: number): boolean {
  if (cp <= 0x20) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f);
  return cp === 0x85 || cp === 0xa0 || cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000;
}

const NON_ASCII_WORD = /[\p{L}\p{N}]/u;

/** `\w`: letters, numbers and the underscore (`str.isalnum()` or "_"). */
export function isPythonWord(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f;
  return NON_ASCII_WORD.test(String.fromCodePoint(cp));
}

/** The code point before UTF-16 index `i` (a surrogate pair as one), or -1 at the start. */
export function codePointBefore(text: string, i: number): number {
  if (i <= 0) return -1;
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.codePointAt(i - 2)! : low;
}
