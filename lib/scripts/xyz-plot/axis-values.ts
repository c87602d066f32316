// The X/Y/Z plot's value syntax (docs/a1111/xyz-plot.md#value-syntax), reproducing A1111's `process_axis`: the text
// is split as CSV, then on int and float axes each item may be a range (`1-5`, `1-5 (+2)`,
// `10-100 [5]`); everything else must convert with Python's int()/float() or the plot fails.
import { csvValues } from "@/lib/scripts/xyz-plot/csv-values";
import { numpyArange, numpyLinspace } from "@/lib/python/numpy-ranges";
import { pythonFloat } from "@/lib/python/float";
import { pythonInt } from "@/lib/python/int";

export type AxisValueType = "int" | "float" | "str";

// A1111's patterns, kept as they are: the step needs an explicit sign, the count none, and the
// float patterns' unescaped "." matches any character (so `1e-5` is read as the range "1e" – "5"
// and fails, as in A1111).
const INT = String.raw`[+-]?\s*\d+`;
const FLOAT = String.raw`[+-]?\s*\d+(?:.\d*)?`;
const INT_RANGE = new RegExp(String.raw`^\s*(${INT})\s*-\s*(${INT})(?:\s*\(([+-]\d+)\s*\))?\s*$`);
const INT_COUNT = new RegExp(String.raw`^\s*(${INT})\s*-\s*(${INT})(?:\s*\[(\d+)\s*\])?\s*$`);
const FLOAT_RANGE = new RegExp(String.raw`^\s*(${FLOAT})\s*-\s*(${FLOAT})(?:\s*\(([+-]\d+(?:.\d*)?)\s*\))?\s*$`);
const FLOAT_COUNT = new RegExp(String.raw`^\s*(${FLOAT})\s*-\s*(${FLOAT})(?:\s*\[(\d+(?:.\d*)?)\s*\])?\s*$`);

/** Python `range(start, stop, step)`. */
function pythonRange(start: number, stop: number, step: number): number[] {
  if (step === 0) throw new Error("range() arg 3 must not be zero");
  const out: number[] = [];
  for (let v = start; step > 0 ? v < stop : v > stop; v += step) out.push(v);
  return out;
}

function expandInt(item: string): Array<number | string> {
  const range = INT_RANGE.exec(item);
  if (range) {
    // A1111 adds 1 to the end even for a negative step: `5-1 (-1)` is range(5, 2, -1) → 5, 4, 3.
    const step = range[3] === undefined ? 1 : pythonInt(range[3]);
    return pythonRange(pythonInt(range[1]), pythonInt(range[2]) + 1, step);
  }
  const count = INT_COUNT.exec(item);
  if (count) {
    const n = count[3] === undefined ? 1 : pythonInt(count[3]);
    return numpyLinspace(pythonInt(count[1]), pythonInt(count[2]), n).map(Math.trunc);
  }
  return [item];
}

function expandFloat(item: string): Array<number | string> {
  const range = FLOAT_RANGE.exec(item);
  if (range) {
    const step = range[3] === undefined ? 1 : pythonFloat(range[3]);
    const end = pythonFloat(range[2]);
    return numpyArange(pythonFloat(range[1]), end + step, step);
  }
  const count = FLOAT_COUNT.exec(item);
  if (count) {
    const n = count[3] === undefined ? 1 : pythonInt(count[3]);
    return numpyLinspace(pythonFloat(count[1]), pythonFloat(count[2]), n);
  }
  return [item];
}

/** Items already split (dropdown selections or CSV), expanded and converted per A1111. */
export function convertAxisItems(type: AxisValueType, items: readonly string[]): Array<number | string> {
  if (type === "str") return [...items];
  const nonEmpty = items.filter((item) => item.trim() !== "");
  if (type === "int") return nonEmpty.flatMap(expandInt).map((v) => (typeof v === "number" ? v : pythonInt(v)));
  return nonEmpty.flatMap(expandFloat).map((v) => (typeof v === "number" ? v : pythonFloat(v)));
}

/**
 * The values of an axis whose text is `text`. Throws where A1111 fails the plot (an item that is
 * neither a range nor a number of the axis' type, a zero step).
 */
export function parseAxisValues(type: AxisValueType, text: string): Array<number | string> {
  return convertAxisItems(type, csvValues(text));
}
