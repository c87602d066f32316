// Python's truth test, `bool(value)`, for values that arrived as JSON or text (docs/python-values.md):
// None, False, 0, 0.0, "" and empty lists and dicts are false; everything else — "False" and "0" included,
// and NaN — is true. Callers that treat the text "False" specially (A1111's setting caster) say so themselves.

export function pythonBool(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}
