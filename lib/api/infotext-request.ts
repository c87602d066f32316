// The `infotext` request field (docs/a1111/infotext.md#pasting): the text is parsed as a pasted infotext
// and fills every field the client did not send itself, through the paste mapping of docs/a1111/infotext.md#pasting (the
// fields of the request's own kind: hires keys for txt2img, inpaint keys for img2img); settings
// named in it (Clip skip, ENSD, …) that differ from the current ones become `override_settings`
// entries unless the request already overrides them.
import { RequestValidationError } from "@/lib/api/errors";
import type { GenerationRequest } from "@/lib/api/generation-request";
import { infotextTooLong, MAX_INFOTEXT_LENGTH } from "@/lib/infotext/limits";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { isPythonFloat, pythonFloat } from "@/lib/python/float";
import { isPythonInt, pythonInt } from "@/lib/python/int";
import { castSetting } from "@/lib/settings/cast";
import { OPTIONS, type OptionKey, type Options } from "@/lib/settings/options";

type Cast = "str" | "int" | "float";
type Parsed = Record<string, string>;

/** [request field, infotext key, type the request declares]; fields a request kind lacks are skipped. */
const PASTE_FIELDS: ReadonlyArray<[string, string, Cast]> = [
  ["prompt", "Prompt", "str"],
  ["negative_prompt", "Negative prompt", "str"],
  ["steps", "Steps", "int"],
  ["sampler_name", "Sampler", "str"],
  ["scheduler", "Schedule type", "str"],
  ["cfg_scale", "CFG scale", "float"],
  ["seed", "Seed", "int"],
  ["width", "Size-1", "int"],
  ["height", "Size-2", "int"],
  ["batch_size", "Batch size", "int"],
  ["subseed", "Variation seed", "int"],
  ["subseed_strength", "Variation seed strength", "float"],
  // Swapped as in A1111's paste bindings (docs/a1111/quirks.md#q18).
  ["seed_resize_from_h", "Seed resize from-1", "int"],
  ["seed_resize_from_w", "Seed resize from-2", "int"],
  ["denoising_strength", "Denoising strength", "float"],
  ["hr_scale", "Hires upscale", "float"],
  ["hr_upscaler", "Hires upscaler", "str"],
  ["hr_second_pass_steps", "Hires steps", "int"],
  ["hr_resize_x", "Hires resize-1", "int"],
  ["hr_resize_y", "Hires resize-2", "int"],
  // img2img's numeric inpaint keys (the label-valued ones, such as Masked content, are not cast).
  ["mask_blur", "Mask blur", "int"],
  ["inpaint_full_res_padding", "Masked area padding", "int"],
];

/** Python's int()/float() of the text; anything they would refuse (or infinite) is a 422 on `infotext`. */
function cast(text: string, type: Cast, key: string): string | number {
  if (type === "str") return text;
  const valid = type === "int" ? isPythonInt(text) : isPythonFloat(text) && Number.isFinite(pythonFloat(text));
  if (!valid) {
    throw new RequestValidationError([{ loc: ["body", "infotext"], msg: `${key}: '${text}' is not a valid ${type === "int" ? "integer" : "float"}`, type: "value_error" }]);
  }
  return type === "int" ? pythonInt(text) : pythonFloat(text);
}

/** A1111's paste rule: Hires fix turns on when Denoising strength comes with any hires key (docs/a1111/quirks.md#q17). */
const hiresEnabled = (d: Parsed) => "Denoising strength" in d && ("Hires upscale" in d || "Hires upscaler" in d || "Hires resize-1" in d);

/** The request with the infotext's values filled in; `sent` are the fields the client set explicitly. */
export function applyInfotext<R extends GenerationRequest>(req: R, sent: ReadonlySet<string>, current: Options): R {
  if (!req.infotext) return req;
  if (req.infotext.length > MAX_INFOTEXT_LENGTH) {
    throw new RequestValidationError([{ loc: ["body", "infotext"], msg: infotextTooLong("infotext", req.infotext.length), type: "value_error.any_str.max_length" }]);
  }
  const parsed = parseGenerationParameters(req.infotext);
  const filled: Record<string, unknown> = { ...req };
  for (const [field, key, type] of PASTE_FIELDS) {
    // Every field of the request model is present in the parsed request (defaults included).
    if (field in req && !sent.has(field) && parsed[key] !== undefined) filled[field] = cast(parsed[key], type, key);
  }
  if ("enable_hr" in req && !sent.has("enable_hr") && hiresEnabled(parsed)) filled.enable_hr = true;

  const overrides: Record<string, unknown> = { ...(req.override_settings ?? {}) };
  for (const [key, spec] of Object.entries(OPTIONS) as Array<[OptionKey, { infotext?: string }]>) {
    const text = spec.infotext === undefined ? undefined : parsed[spec.infotext];
    if (text === undefined || key in overrides) continue;
    const value = castSetting(key, text);
    if (value !== undefined && value !== current[key]) overrides[key] = value;
  }
  filled.override_settings = overrides;
  return filled as R;
}
