// Python's shlex.split (POSIX mode, no comments): words split at whitespace; '…' quotes everything,
// "…" quotes with \" and \\ escapes; a backslash outside quotes escapes the next character. An open
// quote or a trailing backslash is an error, as in Python.

export class ShlexError extends Error {}

export function shlexSplit(text: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const close = c;
      word ??= "";
      i++;
      for (; i < text.length && text[i] !== close; i++) {
        if (close === '"' && text[i] === "\\" && (text[i + 1] === '"' || text[i + 1] === "\\")) i++;
        word += text[i];
      }
      if (i >= text.length) throw new ShlexError("No closing quotation");
    } else if (c === "\\") {
      if (i + 1 >= text.length) throw new ShlexError("No escaped character");
      word = (word ?? "") + text[++i];
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}
