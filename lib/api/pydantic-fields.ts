// Field builders for A1111's request models. A1111 declares them with pydantic v1, so every value is
// coerced as pydantic does (lib/python/pydantic.ts: "7" → 7, 20.0 → 20, "true"/"on"/1 → true,
// 5 → "5") and a wrong one is reported with pydantic's words ("value is not a valid integer",
// type "type_error.integer"), which clients match on. A1111 generates the processing fields as
// Optional, so there `null` means the default (`nullMeansDefault`); elsewhere null is refused unless
// the default itself is null.
import { z } from "zod";
import { coerceBool, coerceDict, coerceFloat, coerceInt, coerceList, coerceStr, PYDANTIC_ERRORS, type Coerced } from "@/lib/python/pydantic";

export interface FieldOptions<D> {
  /** A1111's default; without one the field is required. */
  default?: D;
  /** A1111 declares the field Optional (the processing fields): null means the default. */
  nullMeansDefault?: boolean;
}

export interface NumberBounds {
  ge?: number;
  gt?: number;
  le?: number;
  lt?: number;
}

/** pydantic v1's bound checks, first failing one. */
const BOUND_CHECKS: Array<[keyof NumberBounds, (v: number, limit: number) => boolean, string, string]> = [
  ["gt", (v, l) => v > l, "greater than", "value_error.number.not_gt"],
  ["ge", (v, l) => v >= l, "greater than or equal to", "value_error.number.not_ge"],
  ["lt", (v, l) => v < l, "less than", "value_error.number.not_lt"],
  ["le", (v, l) => v <= l, "less than or equal to", "value_error.number.not_le"],
];

type JsonType = "integer" | "number" | "string" | "boolean" | "object" | "array";

function field<T, D extends T | null>(coerce: (v: unknown) => Coerced<T>, jsonType: JsonType, options: FieldOptions<D> & NumberBounds = {}) {
  const fallback = options.default;
  const schema = z.unknown().transform((value, ctx): T | D => {
    const fail = (message: string, pydanticType: string) => {
      ctx.issues.push({ code: "custom", message, input: value, params: { pydanticType } });
      return z.NEVER;
    };
    if (value === undefined) return fallback !== undefined ? fallback : fail("field required", PYDANTIC_ERRORS["field required"]);
    if (value === null) {
      if (fallback === null) return fallback;
      if (options.nullMeansDefault && fallback !== undefined) return fallback;
      return fail("none is not an allowed value", PYDANTIC_ERRORS["none is not an allowed value"]);
    }
    const coerced = coerce(value);
    if (!coerced.ok) return fail(coerced.msg, PYDANTIC_ERRORS[coerced.msg]);
    if (typeof coerced.value === "number") {
      for (const [key, check, words, type] of BOUND_CHECKS) {
        const limit = options[key];
        if (limit !== undefined && !check(coerced.value, limit)) return fail(`ensure this value is ${words} ${limit}`, type);
      }
    }
    return coerced.value;
  });
  // A default makes the key optional: a missing key takes it without running the coercion.
  return (fallback === undefined ? schema : schema.default(fallback as never)).meta({ type: jsonType }) as z.ZodType<T | D, unknown>;
}

export function int(options?: FieldOptions<number> & NumberBounds): z.ZodType<number, unknown>;
export function int(options: FieldOptions<number | null> & NumberBounds): z.ZodType<number | null, unknown>;
export function int(options: FieldOptions<number | null> & NumberBounds = {}) {
  return field(coerceInt, "integer", options);
}

export function float(options?: FieldOptions<number> & NumberBounds): z.ZodType<number, unknown>;
export function float(options: FieldOptions<number | null> & NumberBounds): z.ZodType<number | null, unknown>;
export function float(options: FieldOptions<number | null> & NumberBounds = {}) {
  return field(coerceFloat, "number", options);
}

export function str(options?: FieldOptions<string>): z.ZodType<string, unknown>;
export function str(options: FieldOptions<string | null>): z.ZodType<string | null, unknown>;
export function str(options: FieldOptions<string | null> = {}) {
  return field(coerceStr, "string", options);
}

export function bool(options?: FieldOptions<boolean>): z.ZodType<boolean, unknown>;
export function bool(options: FieldOptions<boolean | null>): z.ZodType<boolean | null, unknown>;
export function bool(options: FieldOptions<boolean | null> = {}) {
  return field(coerceBool, "boolean", options);
}

export function dict(options?: FieldOptions<Record<string, unknown>>): z.ZodType<Record<string, unknown>, unknown>;
export function dict(options: FieldOptions<Record<string, unknown> | null>): z.ZodType<Record<string, unknown> | null, unknown>;
export function dict(options: FieldOptions<Record<string, unknown> | null> = {}) {
  return field(coerceDict, "object", options);
}

export function list(options?: FieldOptions<unknown[]>): z.ZodType<unknown[], unknown>;
export function list(options: FieldOptions<unknown[] | null>): z.ZodType<unknown[] | null, unknown>;
export function list(options: FieldOptions<unknown[] | null> = {}) {
  return field(coerceList, "array", options);
}

/** pydantic v1 `List[str]`: a list whose items are coerced to strings ("value is not a valid list" otherwise). */
export function strList(options: FieldOptions<string[] | null> = {}): z.ZodType<string[] | null, unknown> {
  const item = str();
  return field(
    (v): Coerced<string[]> => {
      const asList = coerceList(v);
      if (!asList.ok) return asList;
      const out: string[] = [];
      for (const entry of asList.value) {
        const parsed = item.safeParse(entry);
        if (!parsed.success) return { ok: false, msg: "str type expected" };
        out.push(parsed.data);
      }
      return { ok: true, value: out };
    },
    "array",
    options,
  );
}

/** pydantic v1's error type for a zod issue: the builders' own type first, then by issue code. */
export function pydanticErrorType(issue: z.core.$ZodIssue): string {
  const own = (issue as { params?: { pydanticType?: string } }).params?.pydanticType;
  if (own) return own;
  const byMessage = PYDANTIC_ERRORS[issue.message as keyof typeof PYDANTIC_ERRORS];
  if (byMessage) return byMessage;
  if (issue.code === "too_big") return "value_error.number.not_le";
  if (issue.code === "too_small") return "value_error.number.not_ge";
  if (issue.code === "not_multiple_of") return "value_error.number.not_multiple";
  return "value_error";
}
