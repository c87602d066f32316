// Python's repr of a dict from ints to strings — `{0: 'face', 1: 'hand'}` — as libraries write it into files
// (ultralytics' `names` model metadata): integer keys, single- or double-quoted strings with backslash escapes
// (docs/python-values.md#dict-literals). Anything else is refused (null), never guessed.

export function parseIntStringDict(text: string): Map<number, string> | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) return null;
  const body = trimmed.slice(1, -1).trim();
  const entries = new Map<number, string>();
  const entry = /\s*(-?\d+)\s*:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*(,|$)/y;
  while (entry.lastIndex < body.length) {
    const m = entry.exec(body);
    if (!m) return null;
    entries.set(Number(m[1]), (m[2] ?? m[3]).replace(/\\(.)/g, "$1"));
    if (!m[4]) break;
  }
  return entry.lastIndex >= body.length || body.length === 0 ? entries : null;
}
