// Python's `int(text)` and `float(text)` for decimal strings: A1111 converts every axis value with
// them, so what they accept (surrounding whitespace, a sign, `_` between digits, `inf`/`nan`) is what
// an axis accepts, and what they reject fails the whole plot.

const DIGITS = String.raw`\d(?:_?\d)*`;
const PY_INT = new RegExp(String.raw`^\s*[+-]?${DIGITS}\s*$`);
const PY_FLOAT = new RegExp(
  String.raw`^\s*[+-]?(?:(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?|inf(?:inity)?|nan)\s*$`,
  "i",
);

export function pythonInt(text: string): number {
  if (!PY_INT.test(text)) throw new Error(`invalid literal for int() with base 10: '${text}'`);
  return Number(text.replace(/_/g, "").trim());
}

export function pythonFloat(text: string): number {
  if (!PY_FLOAT.test(text)) throw new Error(`could not convert string to float: '${text}'`);
  const clean = text.replace(/_/g, "").trim().toLowerCase();
  if (clean.endsWith("nan")) return NaN;
  if (clean.endsWith("inf") || clean.endsWith("infinity")) return clean.startsWith("-") ? -Infinity : Infinity;
  return Number(clean);
}
