// Python's `int(text)` (base 10), which A1111 applies to seeds, X/Y/Z axis values and pasted infotext fields
// (docs/python-values.md): surrounding whitespace, one sign, ASCII digits with single underscores between
// them. Everything else — "1.0", "1e3", "0x10", "" — is refused, as Python raises ValueError.

const PYTHON_INT = /^\s*[+-]?\d(?:_?\d)*\s*$/;

/** True when Python's `int(text)` accepts `text`. */
export function isPythonInt(text: string): boolean {
  return PYTHON_INT.test(text);
}

/** Python's `int(text)`; throws Python's ValueError message for text it refuses. */
export function pythonInt(text: string): number {
  if (!isPythonInt(text)) throw new Error(`invalid literal for int() with base 10: '${text}'`);
  return Number(text.replace(/_/g, "").trim());
}
