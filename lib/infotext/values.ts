// Infotext values (docs/a1111/infotext.md): what a field holds — a Python scalar, printed with `str()` — and
// how an item is written and read back (A1111's quote / unquote).
import { pythonStr, type PythonScalar } from "@/lib/python/str";

/** A field's value; number is a Python int when integral, else a float (`pyFloat` marks an integral float). */
export type InfotextValue = PythonScalar;

/** A1111 `quote`: JSON string (non-ASCII kept) when the text has a comma, colon or newline. */
export function quoteInfotextValue(text: string): string {
  return /[,:\n]/.test(text) ? JSON.stringify(text) : text;
}

/** A1111 `unquote`: a `"…"` value JSON-decoded, kept as written when that fails. */
export function unquoteInfotextValue(text: string): string {
  if (text.length === 0 || text[0] !== '"' || text[text.length - 1] !== '"') return text;
  try {
    const decoded: unknown = JSON.parse(text);
    return typeof decoded === "string" ? decoded : text;
  } catch {
    return text;
  }
}

/** One `Key: value` item; the key alone when the value is the key itself (`Tiling`-style flags). */
export function formatInfotextItem(key: string, value: InfotextValue): string {
  if (value === key) return key;
  return `${key}: ${quoteInfotextValue(pythonStr(value))}`;
}
