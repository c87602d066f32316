// Python floats as A1111 reads and prints them (docs/python-values.md): `float(text)` for parsing and
// `repr(float)` for printing (infotexts, axis labels). What `float()` accepts is surrounding whitespace, a
// sign, decimal digits with single underscores, an optional fraction and exponent, `inf`/`infinity`/`nan`
// in any case; no hex, no empty string.

const DIGITS = String.raw`\d(?:_?\d)*`;
const PYTHON_FLOAT = new RegExp(
  String.raw`^\s*[+-]?(?:(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?|inf(?:inity)?|nan)\s*$`,
  "i",
);

/** True when Python's `float(text)` accepts `text`. */
export function isPythonFloat(text: string): boolean {
  return PYTHON_FLOAT.test(text);
}

/** Python's `float(text)`; throws Python's ValueError message for text it refuses. */
export function pythonFloat(text: string): number {
  if (!isPythonFloat(text)) throw new Error(`could not convert string to float: '${text}'`);
  const clean = text.replace(/_/g, "").trim().toLowerCase();
  if (clean.endsWith("nan")) return NaN;
  if (clean.endsWith("inf") || clean.endsWith("infinity")) return clean.startsWith("-") ? -Infinity : Infinity;
  return Number(clean);
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function formatPythonFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, exponentText] = x.toExponential().split("e");
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? "-" : "+";
    return `${sign}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fracPart = digits.slice(exponent + 1);
  return `${sign}${intPart}.${fracPart || "0"}`;
}
