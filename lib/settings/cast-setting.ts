// A1111's `opts.cast_value` (docs/a1111/infotext.md, "Settings in an infotext"): the text a pasted infotext
// holds for a setting, converted to the type of that setting's default. The UI's paste and the API's
// `infotext` field both read setting values through this one caster.
import { isPythonFloat, pythonFloat } from "@/lib/python/float";
import { pythonBool } from "@/lib/python/truthy";
import { OPTIONS, type OptionKey, type Options } from "@/lib/settings/options";

/**
 * Booleans: "False" is false, anything else Python's `bool()` of the text (so "" is false too); numbers:
 * Python's `float()`; strings unchanged. Undefined when the text is not of the setting's type or the
 * setting refuses the value (out of range, not one of its choices).
 */
export function castSetting<K extends OptionKey>(key: K, text: string): Options[K] | undefined {
  const spec = OPTIONS[key];
  const fallback: unknown = spec.default;
  let value: unknown = text;
  if (typeof fallback === "boolean") value = text === "False" ? false : pythonBool(text);
  else if (typeof fallback === "number") value = isPythonFloat(text) ? pythonFloat(text) : undefined;
  if (value === undefined) return undefined;
  const parsed = spec.schema.safeParse(value);
  return parsed.success ? (parsed.data as Options[K]) : undefined;
}
