// The class names ultralytics writes into an exported model's metadata (`names`): Python's repr of a dict
// from class index to name, e.g. `{0: 'face', 1: 'hand'}` (JSON-style double quotes and a JSON list are
// accepted too). Only that shape is read: integer keys, quoted strings with backslash escapes.

export function parseYoloNames(text: string): string[] | null {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    try {
      const list = JSON.parse(trimmed);
      return Array.isArray(list) && list.every((v) => typeof v === "string") ? list : null;
    } catch {
      return null;
    }
  }
  const entry = /\s*(\d+)\s*:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*(,|$)/y;
  if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) return null;
  const body = trimmed.slice(1, -1);
  const names: string[] = [];
  entry.lastIndex = 0;
  while (entry.lastIndex < body.length) {
    const m = entry.exec(body);
    if (!m) return null;
    names[Number(m[1])] = (m[2] ?? m[3]).replace(/\\(.)/g, "$1");
    if (!m[4]) break;
  }
  if (entry.lastIndex < body.trimEnd().length) return null;
  return Array.from(names, (n, i) => n ?? `class${i}`);
}
