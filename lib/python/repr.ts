// Python's `repr()` of the values extensions write into infotexts (docs/python-values.md#repr): Tiled Diffusion
// prints a dict of its settings, `"{'Method': 'MultiDiffusion', 'Tile tile width': 96, …}"`.
import { formatPythonFloat } from "@/lib/python/float";
import type { PyFloat } from "@/lib/python/str";

/** A Python value: scalars (`pyFloat` marks an integral float), None, lists, and dicts with string keys in insertion order. */
export type PythonValue = string | number | boolean | null | PyFloat | readonly PythonValue[] | { readonly [key: string]: PythonValue };

const isPyFloat = (v: object): v is PyFloat => "pyFloat" in v && typeof (v as PyFloat).pyFloat === "number" && Object.keys(v).length === 1;

/** `repr(str)`: single quotes unless the text has a ' and no ", backslash escapes for quotes and control characters. */
export function pythonStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}

export function pythonRepr(value: PythonValue): string {
  if (value === null) return "None";
  if (typeof value === "string") return pythonStrRepr(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value).toString() : formatPythonFloat(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (isPyFloat(value)) return formatPythonFloat(value.pyFloat);
  const entries = Object.entries(value as { readonly [key: string]: PythonValue });
  return `{${entries.map(([k, v]) => `${pythonStrRepr(k)}: ${pythonRepr(v)}`).join(", ")}}`;
}
