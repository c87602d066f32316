// pydantic v1's coercion of JSON values to the field types A1111's request models declare (its
// `bool_validator`, `int_validator`, `float_validator`, `str_validator`), which real clients rely on:
// numbers sent as strings, booleans as "true"/"yes"/1, ints as integral floats. Onyx is stricter in
// three places (docs/api-coercion.md): an int field refuses a fractional number instead of
// truncating it, and NaN/±Infinity (from "nan", "inf" or "1e999") are refused, as are ints beyond
// 2^53, which JavaScript cannot hold exactly.
import { formatPythonFloat } from "@/lib/python/float";
import { pythonFloat } from "@/lib/python/float";
import { pythonInt } from "@/lib/python/int";

/** The pydantic v1 messages clients match on, with their error types. */
export const PYDANTIC_ERRORS = {
  "value is not a valid integer": "type_error.integer",
  "value is not a valid float": "type_error.float",
  "str type expected": "type_error.str",
  "value could not be parsed to a boolean": "type_error.bool",
  "value is not a valid dict": "type_error.dict",
  "value is not a valid list": "type_error.list",
  "none is not an allowed value": "type_error.none.not_allowed",
  "field required": "value_error.missing",
} as const;

export type PydanticMessage = keyof typeof PYDANTIC_ERRORS;

export type Coerced<T> = { ok: true; value: T } | { ok: false; msg: PydanticMessage };

const ok = <T>(value: T): Coerced<T> => ({ ok: true, value });
const fail = (msg: PydanticMessage): Coerced<never> => ({ ok: false, msg });

// pydantic v1's BOOL_TRUE / BOOL_FALSE sets; strings are lower-cased first, never trimmed.
const BOOL_TRUE = new Set(["1", "on", "t", "true", "y", "yes"]);
const BOOL_FALSE = new Set(["0", "off", "f", "false", "n", "no"]);

export function coerceBool(value: unknown): Coerced<boolean> {
  if (typeof value === "boolean") return ok(value);
  if (value === 1 || value === 0) return ok(value === 1);
  if (typeof value === "string") {
    const lower = value.toLowerCase();
    if (BOOL_TRUE.has(lower)) return ok(true);
    if (BOOL_FALSE.has(lower)) return ok(false);
  }
  return fail("value could not be parsed to a boolean");
}

/** A number from a boolean, a number or text Python's `parseText` reads, kept when `keep` says it holds exactly. */
function coerceNumber(value: unknown, parseText: (text: string) => number, keep: (n: number) => boolean, msg: PydanticMessage): Coerced<number> {
  let n: number;
  if (typeof value === "boolean") n = value ? 1 : 0;
  else if (typeof value === "number") n = value;
  else if (typeof value === "string") {
    try {
      n = parseText(value);
    } catch {
      return fail(msg);
    }
  } else return fail(msg);
  return keep(n) ? ok(n === 0 ? 0 : n) : fail(msg);
}

/** Python's `int(value)` as pydantic applies it (text: decimal digits only, so "7.0" and "1e3" are errors), refusing what would lose the value. */
export const coerceInt = (value: unknown) => coerceNumber(value, pythonInt, Number.isSafeInteger, "value is not a valid integer");

/** Python's `float(value)` as pydantic applies it; only finite results are accepted. */
export const coerceFloat = (value: unknown) => coerceNumber(value, pythonFloat, Number.isFinite, "value is not a valid float");

/**
 * pydantic's `str_validator`: strings as they are, numbers as Python's `str()` prints them (an
 * integral JSON number reads as a Python int: `7` → "7"; Python's bool is an int: `true` → "True").
 */
export function coerceStr(value: unknown): Coerced<string> {
  if (typeof value === "string") return ok(value);
  if (typeof value === "boolean") return ok(value ? "True" : "False");
  if (typeof value === "number") return ok(Number.isInteger(value) && Math.abs(value) < 1e16 ? String(value) : formatPythonFloat(value));
  return fail("str type expected");
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** pydantic's `dict(v)`: an object, or a list of [key, value] pairs (`[]` → {}). */
export function coerceDict(value: unknown): Coerced<Record<string, unknown>> {
  if (isPlainObject(value)) return ok(value);
  if (Array.isArray(value) && value.every((pair) => Array.isArray(pair) && pair.length === 2)) {
    return ok(Object.fromEntries(value.map(([k, v]) => [typeof k === "string" ? k : JSON.stringify(k), v])));
  }
  return fail("value is not a valid dict");
}

/** pydantic v1 `list`: a JSON array (a tuple or set in Python; JSON has only arrays). */
export function coerceList(value: unknown): Coerced<unknown[]> {
  return Array.isArray(value) ? ok(value) : fail("value is not a valid list");
}
