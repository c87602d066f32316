// A setting an extension declares in `register(api)` (docs/extensions.md#settings), A1111's
// `shared.opts.add_option(key, OptionInfo(default, label, component, section=...))`. The type follows
// the default as A1111 infers it from the Python type; JavaScript has one number type, so a number
// setting says `type: "float"` when its default is a whole number but its values are not. The
// declaration becomes an ordinary catalogue entry (lib/settings/options.ts), cast and checked by the one
// caster (lib/settings/cast.ts) like every built-in setting.
import { castValue } from "@/lib/settings/cast";
import { isBuiltInOptionKey, type OptionSpec } from "@/lib/settings/options";

export interface ExtensionSetting {
  /** The key in `/sdapi/v1/options`, `override_settings` and config.json ("ad_max_models"). */
  key: string;
  default: boolean | number | string | string[];
  label: string;
  /** "int" or "float" for a number (default: "int" when the default is whole); ignored otherwise. */
  type?: "int" | "float";
  /** Fixed choices (a dropdown or radio group); a value outside them is refused (lists: each item). */
  choices?: readonly string[];
  /** Slider bounds and step; values outside the bounds are refused. */
  min?: number;
  max?: number;
  step?: number;
  /** A hint under the control. */
  info?: string;
}

const KEY = /^[a-z][a-z0-9_]*$/;

/** The catalogue entry of `setting` in `section`; throws when the declaration is not usable. */
export function extensionOptionSpec(setting: ExtensionSetting, section: string): OptionSpec {
  const { key } = setting;
  if (typeof key !== "string" || !KEY.test(key)) throw new Error(`setting key "${String(key)}" must be lower-case letters, digits and _`);
  if (isBuiltInOptionKey(key)) throw new Error(`setting "${key}" is one of Onyx's own settings`);
  if (typeof setting.label !== "string" || !setting.label) throw new Error(`setting "${key}" has no label`);
  const d = setting.default;
  const kind: OptionSpec["kind"] =
    typeof d === "boolean" ? "bool" : typeof d === "number" ? (setting.type ?? (Number.isInteger(d) ? "int" : "float")) : typeof d === "string" ? "str" : Array.isArray(d) ? "list" : "html";
  if (kind === "html") throw new Error(`setting "${key}": the default must be a boolean, number, string or list of strings`);
  const spec: OptionSpec = {
    kind,
    default: Array.isArray(d) ? [...d] : d,
    label: setting.label,
    section,
    ...(setting.info ? { info: setting.info } : {}),
    ...(setting.choices ? { choices: [...setting.choices] } : {}),
    ...(setting.min !== undefined ? { min: setting.min } : {}),
    ...(setting.max !== undefined ? { max: setting.max } : {}),
    ...(setting.step !== undefined ? { step: setting.step } : {}),
  };
  const cast = castValue(spec, spec.default);
  if (!cast.ok) throw new Error(`setting "${key}": its default is refused: ${cast.msg}`);
  return spec;
}
