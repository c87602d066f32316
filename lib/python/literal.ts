// Python's repr of plain values read back, as `ast.literal_eval` reads what `repr` wrote (docs/python-values.md#literals):
// dicts, lists and tuples (as lists), strings in single or double quotes with backslash escapes, ints, floats,
// True, False and None. Infotext values such as Tiled Diffusion's `{'Method': 'MultiDiffusion', …}` are
// written this way. Anything else is refused (undefined), never guessed.

export type PythonLiteral = string | number | boolean | null | PythonLiteral[] | { [key: string]: PythonLiteral };

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", a: "\x07", b: "\b", f: "\f", v: "\v", "\\": "\\", "'": "'", '"': '"', "\n": "" };
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };
const NUMBER = /[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?/y;
const WORD = /True|False|None/y;

class Reader {
  at = 0;
  constructor(readonly text: string) {}

  space(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
  }

  /** The next value, or null (then the text is not a literal). */
  value(): { v: PythonLiteral } | null {
    this.space();
    const c = this.text[this.at];
    if (c === "'" || c === '"') return this.string(c);
    if (c === "{") return this.dict();
    if (c === "[" || c === "(") return this.list(c === "[" ? "]" : ")");
    WORD.lastIndex = NUMBER.lastIndex = this.at;
    const word = WORD.exec(this.text);
    if (word) {
      this.at = WORD.lastIndex;
      return { v: word[0] === "True" ? true : word[0] === "False" ? false : null };
    }
    const number = NUMBER.exec(this.text);
    if (!number) return null;
    this.at = NUMBER.lastIndex;
    const v = Number(number[0].replace(/_/g, ""));
    return Number.isFinite(v) ? { v } : null;
  }

  private string(quote: string): { v: string } | null {
    let out = "";
    for (this.at++; this.at < this.text.length; this.at++) {
      const c = this.text[this.at];
      if (c === quote) {
        this.at++;
        return { v: out };
      }
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = this.text[++this.at];
      if (e in HEX_DIGITS) {
        const hex = this.text.slice(this.at + 1, this.at + 1 + HEX_DIGITS[e]);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== HEX_DIGITS[e]) return null;
        out += String.fromCodePoint(parseInt(hex, 16));
        this.at += hex.length;
      } else out += e in ESCAPES ? ESCAPES[e] : `\\${e}`; // Python keeps an unknown escape as written
    }
    return null;
  }

  /** Comma-separated items up to `close` (a trailing comma allowed). */
  private items(close: string, item: () => boolean): boolean {
    this.at++;
    for (;;) {
      this.space();
      if (this.text[this.at] === close) {
        this.at++;
        return true;
      }
      if (!item()) return false;
      this.space();
      if (this.text[this.at] === ",") this.at++;
      else if (this.text[this.at] !== close) return false;
    }
  }

  private list(close: string): { v: PythonLiteral[] } | null {
    const v: PythonLiteral[] = [];
    const ok = this.items(close, () => {
      const item = this.value();
      if (item) v.push(item.v);
      return item !== null;
    });
    return ok ? { v } : null;
  }

  private dict(): { v: { [key: string]: PythonLiteral } } | null {
    const v: { [key: string]: PythonLiteral } = {};
    const ok = this.items("}", () => {
      const key = this.value();
      this.space();
      if (!key || (typeof key.v !== "string" && typeof key.v !== "number") || this.text[this.at] !== ":") return false;
      this.at++;
      const item = this.value();
      if (item) v[String(key.v)] = item.v;
      return item !== null;
    });
    return ok ? { v } : null;
  }
}

/** The value `text` is the repr of (None → null); undefined when it is not a literal of the kinds above. */
export function parsePythonLiteral(text: string): PythonLiteral | undefined {
  const reader = new Reader(text);
  const parsed = reader.value();
  reader.space();
  return parsed && reader.at === text.length ? parsed.v : undefined;
}
