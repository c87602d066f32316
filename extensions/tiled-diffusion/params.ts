// Tiled Diffusion's parameters (docs/tiled-diffusion.md#parameters): the extension's 21 controls (less the two
// that do nothing here), then its regions as one `regions` parameter; `apiArgs` maps A1111's positional
// layout — 21 flat values, then 10 per region — onto them.
import { givenApiArgs, type ScriptTab } from "@onyx/sdk";

export const METHODS = ["MultiDiffusion", "Mixture of Diffusers"] as const;
export type Method = (typeof METHODS)[number];
export const BLEND_MODES = ["Background", "Foreground"] as const;

export const REGION_PARAMS = [
  { name: "enable", type: "bool", default: true, label: "Enable" },
  { name: "prompt", type: "string", default: "", label: "Prompt (added to the main prompt)" },
  { name: "neg_prompt", type: "string", default: "", label: "Negative prompt (added to the main negative prompt)" },
  { name: "blend_mode", type: "choice", choices: BLEND_MODES, default: "Background", label: "Type" },
  { name: "feather_ratio", type: "number", default: 0.2, min: 0, max: 1, step: 0.05, label: "Feather", visibleWhen: { param: "blend_mode", is: "Foreground" } },
  { name: "seed", type: "int", default: -1, label: "Seed (−1 = random)" },
] as const;

export const PARAMS = [
  { name: "enabled", type: "bool", default: false, label: "Tiled Diffusion (the hires fix second pass is not tiled)" },
  { name: "method", type: "choice", choices: METHODS, default: "MultiDiffusion", label: "Method" },
  { name: "overwrite_size", type: "bool", default: false, label: "Overwrite image size (txt2img)", group: "Image size" },
  { name: "keep_input_size", type: "bool", default: true, label: "Keep input image size (img2img)", group: "Image size" },
  { name: "image_width", type: "int", default: 1024, min: 256, max: 16384, step: 16, label: "Image width", group: "Image size", visibleWhen: { param: "overwrite_size", is: true } },
  { name: "image_height", type: "int", default: 1024, min: 256, max: 16384, step: 16, label: "Image height", group: "Image size", visibleWhen: { param: "overwrite_size", is: true } },
  { name: "tile_width", type: "int", default: 96, min: 16, max: 256, step: 16, label: "Latent tile width", group: "Tiles" },
  { name: "tile_height", type: "int", default: 96, min: 16, max: 256, step: 16, label: "Latent tile height", group: "Tiles" },
  { name: "overlap", type: "int", default: 48, min: 0, max: 256, step: 4, label: "Latent tile overlap", group: "Tiles" },
  { name: "batch_size", type: "int", default: 4, min: 1, max: 8, step: 1, label: "Latent tile batch size", group: "Tiles" },
  { name: "upscaler", type: "string", default: "None", label: "Upscaler (img2img; None, Lanczos, Nearest or a model's name)", group: "Upscale (img2img)" },
  { name: "scale_factor", type: "number", default: 2, min: 1, max: 8, step: 0.05, label: "Scale factor", group: "Upscale (img2img)" },
  { name: "noise_inverse", type: "bool", default: false, label: "Enable noise inversion (img2img; samples with Euler)", group: "Noise inversion" },
  { name: "noise_inverse_steps", type: "int", default: 10, min: 1, max: 200, step: 1, label: "Inversion steps", group: "Noise inversion" },
  { name: "noise_inverse_retouch", type: "number", default: 1, min: 1, max: 100, step: 0.1, label: "Retouch", group: "Noise inversion" },
  { name: "noise_inverse_renoise_strength", type: "number", default: 1, min: 0, max: 2, step: 0.01, label: "Renoise strength", group: "Noise inversion" },
  { name: "noise_inverse_renoise_kernel", type: "int", default: 64, min: 2, max: 512, step: 1, label: "Renoise kernel size", group: "Noise inversion" },
  { name: "enable_bbox_control", type: "bool", default: false, label: "Enable region prompt control", group: "Regions" },
  { name: "draw_background", type: "bool", default: false, label: "Draw full canvas background", group: "Regions" },
  // Named as the extension's region-set files name their list: {"bbox_controls": [...]}.
  { name: "bbox_controls", type: "regions", label: "Regions", maxCount: 8, params: REGION_PARAMS },
] as const;

/** A1111's positions 0…20 (17 "Move ControlNet tensor to CPU" and 20 "Causalize layers" have no effect here). */
const POSITIONAL: ReadonlyArray<string | null> = [
  "enabled", "method", "overwrite_size", "keep_input_size", "image_width", "image_height", "tile_width", "tile_height",
  "overlap", "batch_size", "upscaler", "scale_factor", "noise_inverse", "noise_inverse_steps", "noise_inverse_retouch",
  "noise_inverse_renoise_strength", "noise_inverse_renoise_kernel", null, "enable_bbox_control", "draw_background", null,
];
const REGION_FIELDS = ["enable", "x", "y", "w", "h", "prompt", "neg_prompt", "blend_mode", "feather_ratio", "seed"] as const;
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** The extension's region-set entry (its UI's and its files' layout) as a region of `bbox_controls`. */
export function regionFromControl(control: Record<string, unknown>): Record<string, unknown> {
  const region: Record<string, unknown> = { ...control };
  for (const key of ["x", "y", "w", "h"] as const) {
    const v = control[key];
    // The extension ignores a region outside the canvas; here its box must lie in 0…1, so it is kept disabled.
    if (typeof v === "number") {
      if (v < 0 || v > 1) region.enable = false;
      region[key] = round4(Math.min(1, Math.max(0, v)));
    }
  }
  if (typeof control.feather_ratio === "number") region.feather_ratio = round4(control.feather_ratio);
  if (typeof control.seed === "number") region.seed = Math.trunc(control.seed);
  return region;
}

/**
 * A number the extension's slider would hold: A1111 passes positional values unchecked (clients send
 * `[true, "MultiDiffusion", true, true, 1, 1, …]` with sizes that only matter in the other tab), so out-of-range
 * numbers are brought into the control's range instead of refused. Arguments by name are checked as declared.
 */
function intoRange(name: string, value: unknown): unknown {
  const param = PARAMS.find((p) => p.name === name);
  if (!param || (param.type !== "int" && param.type !== "number") || typeof value !== "number" || !Number.isFinite(value)) return value;
  return Math.min(param.max, Math.max(param.min, value));
}

/** A1111's positional `args` (a prefix is enough: the rest take their defaults) as arguments by name. */
export function apiArgs(args: readonly unknown[], _tab: ScriptTab): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  POSITIONAL.forEach((name, i) => {
    if (name) named[name] = intoRange(name, args[i]);
  });
  const regions: Array<Record<string, unknown>> = [];
  for (let at = POSITIONAL.length; at < args.length; at += REGION_FIELDS.length) {
    const control = givenApiArgs(Object.fromEntries(REGION_FIELDS.map((field, k) => [field, args[at + k]])));
    regions.push(regionFromControl({ enable: false, ...control }));
  }
  if (regions.length > 0) named.bbox_controls = regions;
  return givenApiArgs(named);
}
