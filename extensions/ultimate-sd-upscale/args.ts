// The script's parameters in the original extension's API order and its 18-argument `script_args` layout
// (docs/ultimate-sd-upscale.md#arguments).
import { givenApiArgs, type ParamSpec } from "@onyx/sdk";
import { REDRAW_MODES, SEAMS_FIX_TYPES, TARGET_SIZE_TYPES } from "./plan";

/** The parameters after the dummy label, with the extension's UI defaults and ranges. */
export const USDU_PARAMS = [
  { name: "tile_width", type: "int", default: 512, min: 0, max: 2048, step: 64, label: "Tile width", group: "Redraw" },
  { name: "tile_height", type: "int", default: 0, min: 0, max: 2048, step: 64, label: "Tile height", group: "Redraw" },
  { name: "mask_blur", type: "int", default: 8, min: 0, max: 64, step: 1, label: "Mask blur", group: "Redraw" },
  { name: "padding", type: "int", default: 32, min: 0, max: 512, step: 1, label: "Padding", group: "Redraw" },
  { name: "seams_fix_width", type: "int", default: 64, min: 0, max: 128, step: 1, label: "Width", group: "Seams fix", visibleWhen: { param: "seams_fix_type", is: ["Band pass"] } },
  { name: "seams_fix_denoise", type: "number", default: 0.35, min: 0, max: 1, step: 0.01, label: "Denoise", group: "Seams fix", visibleWhen: { param: "seams_fix_type", is: SEAMS_FIX_TYPES.slice(1) } },
  { name: "seams_fix_padding", type: "int", default: 16, min: 0, max: 128, step: 1, label: "Padding", group: "Seams fix", visibleWhen: { param: "seams_fix_type", is: SEAMS_FIX_TYPES.slice(1) } },
  // An index into the upscaler list, as clients send it, or a name; bound to the name.
  { name: "upscaler", type: "choice", choices: ["None"], choicesFrom: "upscalers", default: "None", label: "Upscaler" },
  { name: "save_upscaled_image", type: "bool", default: true, label: "Upscaled", group: "Save options" },
  { name: "redraw_mode", type: "choice", choices: REDRAW_MODES, default: "Linear", label: "Type", group: "Redraw" },
  { name: "save_seams_fix_image", type: "bool", default: false, label: "Seams fix", group: "Save options" },
  { name: "seams_fix_mask_blur", type: "int", default: 4, min: 0, max: 64, step: 1, label: "Mask blur", group: "Seams fix", visibleWhen: { param: "seams_fix_type", is: SEAMS_FIX_TYPES.slice(2) } },
  { name: "seams_fix_type", type: "choice", choices: SEAMS_FIX_TYPES, default: "None", label: "Type", group: "Seams fix" },
  { name: "target_size_type", type: "choice", choices: TARGET_SIZE_TYPES, default: "From img2img2 settings", label: "Target size type" },
  { name: "custom_width", type: "int", default: 2048, min: 64, max: 8192, step: 64, label: "Custom width", visibleWhen: { param: "target_size_type", is: ["Custom size"] } },
  { name: "custom_height", type: "int", default: 2048, min: 64, max: 8192, step: 64, label: "Custom height", visibleWhen: { param: "target_size_type", is: ["Custom size"] } },
  { name: "custom_scale", type: "number", default: 2, min: 1, max: 16, step: 0.01, label: "Scale", visibleWhen: { param: "target_size_type", is: ["Scale from image size"] } },
  // Onyx's own, after the original's 18 (docs/ultimate-sd-upscale.md#colour-fix): position 18 of script_args.
  { name: "color_fix", type: "bool", default: false, label: "Wavelet colour fix (the upscale's colours, the redraw's detail)" },
] as const satisfies readonly ParamSpec[];

/** A dropdown's index (what the extension's `type="index"` dropdowns send) as its name; anything else as given, for the binding to judge. */
function choiceName(choices: readonly string[], value: unknown): unknown {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < choices.length ? choices[value] : value;
}

/** `script_args` by position: [label, tile_width, tile_height, mask_blur, padding, seams_fix_width, …, custom_scale]. */
export function usduApiArgs(args: readonly unknown[]): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  USDU_PARAMS.forEach((param, i) => (named[param.name] = args[i + 1]));
  named.redraw_mode = choiceName(REDRAW_MODES, named.redraw_mode);
  named.seams_fix_type = choiceName(SEAMS_FIX_TYPES, named.seams_fix_type);
  named.target_size_type = choiceName(TARGET_SIZE_TYPES, named.target_size_type);
  return givenApiArgs(named);
}
