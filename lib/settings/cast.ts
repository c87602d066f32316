// The one way a value from outside becomes a setting's value (docs/settings.md): a JSON value (POST
// /options, `override_settings`, the Settings tab) is coerced to the setting's type with pydantic v1's
// rules (lib/python/pydantic.ts), the text of a pasted infotext is read as A1111's `opts.cast_value`
// reads it (docs/a1111/infotext.md, "Settings in an infotext"); both are then checked against the
// setting's slider bounds, fixed choices, colour format and folder rule. Errors use pydantic's messages
// and types so the API can answer with its 422 shape.
import { isPythonFloat, pythonFloat } from "@/lib/python/float";
import { coerceBool, coerceFloat, coerceInt, coerceStr, PYDANTIC_ERRORS, type Coerced } from "@/lib/python/pydantic";
import { pythonBool } from "@/lib/python/truthy";
import { optionSpec, type OptionKey, type Options, type OptionSpec, type OptionValue } from "@/lib/settings/options";

export type OptionCast = { ok: true; value: OptionValue } | { ok: false; msg: string; type: string };

/** A value a setting refuses, with pydantic's message and error type. */
export class OptionValueError extends Error {
  constructor(
    readonly key: string,
    readonly msg: string,
    readonly type: string,
  ) {
    super(`${key}: ${msg}`);
    this.name = "OptionValueError";
  }
}

const refuse = (msg: string, type: string): OptionCast => ({ ok: false, msg, type });
const fromCoerced = (c: Coerced<OptionValue>): OptionCast => (c.ok ? c : refuse(c.msg, PYDANTIC_ERRORS[c.msg]));

const COLOR = /^#[0-9a-fA-F]{6}$/;

function checkRange(spec: OptionSpec, n: number): OptionCast {
  if (spec.min !== undefined && n < spec.min) return refuse(`ensure this value is greater than or equal to ${spec.min}`, "value_error.number.not_ge");
  if (spec.max !== undefined && n > spec.max) return refuse(`ensure this value is less than or equal to ${spec.max}`, "value_error.number.not_le");
  return { ok: true, value: n };
}

const permitted = (choices: readonly string[]) => `unexpected value; permitted: ${choices.map((c) => `'${c}'`).join(", ")}`;

/** A path relative to the outputs folder that stays inside it. */
function isInsideFolder(text: string): boolean {
  if (text.startsWith("/") || text.startsWith("\\") || /^[A-Za-z]:/.test(text)) return false;
  return !text.split(/[\\/]/).includes("..");
}

function castString(spec: OptionSpec, value: unknown): OptionCast {
  const coerced = coerceStr(value);
  if (!coerced.ok) return fromCoerced(coerced);
  const text = coerced.value;
  if (spec.choices && !spec.choices.includes(text)) return refuse(permitted(spec.choices), "value_error.const");
  if (spec.color && !COLOR.test(text)) return refuse(`string does not match regex "${COLOR.source}"`, "value_error.str.regex");
  if (spec.outputFolder && !isInsideFolder(text)) return refuse("must be a folder inside the outputs folder: no absolute path, no '..'", "value_error.path");
  return { ok: true, value: text };
}

function castList(spec: OptionSpec, value: unknown): OptionCast {
  if (!Array.isArray(value)) return refuse("value is not a valid list", "type_error.list");
  const items: string[] = [];
  for (const item of value) {
    const cast = castString({ ...spec, kind: "str" }, item);
    if (!cast.ok) return cast;
    items.push(cast.value as string);
  }
  return { ok: true, value: items };
}

/** `value` as setting `key` stores it, or why it is refused. HTML texts are read-only: their text stays. */
export function castOption(key: OptionKey, value: unknown): OptionCast {
  return castValue(optionSpec(key), value);
}

/** `value` as a setting of `spec` stores it (also checks an extension's declared default before it joins the catalogue). */
export function castValue(spec: OptionSpec, value: unknown): OptionCast {
  if (spec.kind === "html") return { ok: true, value: spec.default };
  if (value === null || value === undefined) {
    return spec.nullable ? { ok: true, value: null } : refuse("none is not an allowed value", "type_error.none.not_allowed");
  }
  switch (spec.kind) {
    case "bool":
      return fromCoerced(coerceBool(value));
    case "int": {
      const n = coerceInt(value);
      return n.ok ? checkRange(spec, n.value) : fromCoerced(n);
    }
    case "float": {
      const n = coerceFloat(value);
      return n.ok ? checkRange(spec, n.value) : fromCoerced(n);
    }
    case "list":
      return castList(spec, value);
    default:
      return castString(spec, value);
  }
}

/** `castOption` that throws an OptionValueError for a refused value. */
export function parseOption<K extends OptionKey>(key: K, value: unknown): Options[K] {
  const cast = castOption(key, value);
  if (!cast.ok) throw new OptionValueError(key, cast.msg, cast.type);
  return cast.value as Options[K];
}

/**
 * A1111's `opts.cast_value` of a pasted infotext's text: booleans "False" is false, anything else Python's
 * `bool()` of the text (so "" is false too); numbers Python's `float()`; strings unchanged. Undefined
 * when the text is not of the setting's type or the setting refuses the value (out of range, not one of
 * its choices). The UI's paste and the API's `infotext` field both read setting values through this.
 */
export function castSetting<K extends OptionKey>(key: K, text: string): Options[K] | undefined {
  const fallback: unknown = optionSpec(key).default;
  let value: unknown = text;
  if (typeof fallback === "boolean") value = text === "False" ? false : pythonBool(text);
  else if (typeof fallback === "number") value = isPythonFloat(text) ? pythonFloat(text) : undefined;
  if (value === undefined) return undefined;
  const cast = castOption(key, value);
  return cast.ok ? (cast.value as Options[K]) : undefined;
}
