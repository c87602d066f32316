// Every setting Onyx honours, under A1111's option names (so `/sdapi/v1/options`, infotext
// override keys and X/Y/Z overrides speak the same language), with A1111's defaults.
import { z } from "zod";

interface OptionSpec<T> {
  schema: z.ZodType<T>;
  default: T;
  label: string;
  section: string;
  /** Infotext key whose pasted value becomes an override of this setting (A1111 `infotext` field). */
  infotext?: string;
  choices?: readonly string[];
}

// `NoInfer` makes the schema alone decide T, so enum options keep their literal union type.
function option<T>(spec: Omit<OptionSpec<T>, "default"> & { default: NoInfer<T> }): OptionSpec<T> {
  return spec;
}

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const OPTIONS = {
  sd_model_checkpoint: option({ schema: z.string(), default: "", label: "Stable Diffusion checkpoint", section: "Stable Diffusion" }),
  CLIP_stop_at_last_layers: option({ schema: int(1, 12), default: 1, label: "Clip skip", section: "Stable Diffusion", infotext: "Clip skip" }),
  tiling: option({ schema: z.boolean(), default: false, label: "Tiling", section: "Stable Diffusion", infotext: "Tiling" }),
  emphasis: option({ schema: z.enum(["Original", "No norm", "Ignore", "None"]), default: "Original", label: "Emphasis mode", section: "Stable Diffusion", infotext: "Emphasis", choices: ["Original", "No norm", "Ignore", "None"] }),
  comma_padding_backtrack: option({ schema: int(0, 74), default: 20, label: "Prompt word wrap length limit", section: "Stable Diffusion" }),
  pad_cond_uncond: option({ schema: z.boolean(), default: false, label: "Pad prompt/negative prompt", section: "Optimizations", infotext: "Pad conds" }),
  use_old_scheduling: option({ schema: z.boolean(), default: false, label: "Use old prompt editing timelines", section: "Compatibility", infotext: "Old prompt editing timelines" }),
  randn_source: option({ schema: z.enum(["GPU", "CPU", "NV"]), default: "GPU", label: "Random number generator source", section: "Stable Diffusion", infotext: "RNG", choices: ["GPU", "CPU", "NV"] }),
  eta_noise_seed_delta: option({ schema: z.number().int().min(0), default: 0, label: "Eta noise seed delta", section: "Sampler parameters", infotext: "ENSD" }),
  eta_ancestral: option({ schema: z.number().min(0).max(1), default: 1, label: "Eta for k-diffusion samplers", section: "Sampler parameters", infotext: "Eta" }),
  eta_ddim: option({ schema: z.number().min(0).max(1), default: 0, label: "Eta for DDIM", section: "Sampler parameters", infotext: "Eta DDIM" }),
  s_churn: option({ schema: z.number().min(0), default: 0, label: "sigma churn", section: "Sampler parameters", infotext: "Sigma churn" }),
  s_tmin: option({ schema: z.number().min(0), default: 0, label: "sigma tmin", section: "Sampler parameters", infotext: "Sigma tmin" }),
  s_tmax: option({ schema: z.number().min(0), default: 0, label: "sigma tmax", section: "Sampler parameters", infotext: "Sigma tmax" }),
  s_noise: option({ schema: z.number().min(0), default: 1, label: "sigma noise", section: "Sampler parameters", infotext: "Sigma noise" }),
  sigma_min: option({ schema: z.number().min(0), default: 0, label: "sigma min", section: "Sampler parameters", infotext: "Schedule min sigma" }),
  sigma_max: option({ schema: z.number().min(0), default: 0, label: "sigma max", section: "Sampler parameters", infotext: "Schedule max sigma" }),
  rho: option({ schema: z.number().min(0), default: 0, label: "rho", section: "Sampler parameters", infotext: "Schedule rho" }),
  beta_dist_alpha: option({ schema: z.number().min(0.01), default: 0.6, label: "Beta scheduler - alpha", section: "Sampler parameters", infotext: "Beta schedule alpha" }),
  beta_dist_beta: option({ schema: z.number().min(0.01), default: 0.6, label: "Beta scheduler - beta", section: "Sampler parameters", infotext: "Beta schedule beta" }),
  always_discard_next_to_last_sigma: option({ schema: z.boolean(), default: false, label: "Always discard next-to-last sigma", section: "Sampler parameters", infotext: "Discard penultimate sigma" }),
  sgm_noise_multiplier: option({ schema: z.boolean(), default: false, label: "SGM noise multiplier", section: "Sampler parameters", infotext: "SGM noise multiplier" }),
  uni_pc_order: option({ schema: int(1, 50), default: 3, label: "UniPC order", section: "Sampler parameters", infotext: "UniPC order" }),
  img2img_fix_steps: option({ schema: z.boolean(), default: false, label: "With img2img, do exactly the amount of steps the slider specifies", section: "img2img" }),
  initial_noise_multiplier: option({ schema: z.number().min(0).max(1.5), default: 1, label: "Noise multiplier for img2img", section: "img2img", infotext: "Noise multiplier" }),
  inpainting_mask_weight: option({ schema: z.number().min(0).max(1), default: 1, label: "Inpainting conditioning mask strength", section: "img2img", infotext: "Conditional mask weight" }),
  mask_apply_overlay: option({ schema: z.boolean(), default: true, label: "Overlay original for inpaint", section: "img2img" }),
  img2img_background_color: option({ schema: z.string().regex(/^#[0-9a-fA-F]{6}$/), default: "#ffffff", label: "With img2img, fill transparent parts of the input image with this color", section: "img2img" }),
  upscaler_for_img2img: option({ schema: z.string(), default: "None", label: "Upscaler for img2img", section: "Upscaling" }),
  live_previews_enable: option({ schema: z.boolean(), default: true, label: "Show live previews of the created image", section: "Live previews" }),
  show_progress_every_n_steps: option({ schema: int(-1, 32), default: 10, label: "Live preview display period (steps)", section: "Live previews" }),
  live_preview_refresh_period: option({ schema: int(100, 60000), default: 1000, label: "Progressbar and preview update period (ms)", section: "Live previews" }),
  samples_save: option({ schema: z.boolean(), default: true, label: "Always save all generated images", section: "Saving images" }),
  grid_save: option({ schema: z.boolean(), default: true, label: "Always save all generated image grids", section: "Saving images" }),
  return_grid: option({ schema: z.boolean(), default: true, label: "Show grid in gallery", section: "Saving images" }),
  grid_only_if_multiple: option({ schema: z.boolean(), default: true, label: "Do not save grids consisting of one picture", section: "Saving images" }),
  n_rows: option({ schema: int(-1, 16), default: -1, label: "Grid row count; -1 for autodetect and 0 for it to be same as batch size", section: "Saving images" }),
  enable_pnginfo: option({ schema: z.boolean(), default: true, label: "Write infotext to metadata of the generated image", section: "Saving images" }),
  save_incomplete_images: option({ schema: z.boolean(), default: false, label: "Save incomplete images", section: "Saving images" }),
  add_model_hash_to_info: option({ schema: z.boolean(), default: true, label: "Add model hash to infotext", section: "Infotext" }),
  add_model_name_to_info: option({ schema: z.boolean(), default: true, label: "Add model name to infotext", section: "Infotext" }),
  add_version_to_infotext: option({ schema: z.boolean(), default: true, label: "Add program version to infotext", section: "Infotext" }),
  img_max_size_mp: option({ schema: z.number().min(1), default: 200, label: "Maximum grid size in megapixels", section: "Saving images" }),
  ESRGAN_tile: option({ schema: int(0, 512), default: 192, label: "Tile size for ESRGAN upscalers", section: "Upscaling" }),
  ESRGAN_tile_overlap: option({ schema: int(0, 48), default: 8, label: "Tile overlap for ESRGAN upscalers", section: "Upscaling" }),
  disabled_extensions: option({ schema: z.array(z.string()), default: [] as string[], label: "Disabled extensions", section: "Extensions" }),
} as const;

export type OptionKey = keyof typeof OPTIONS;
export type Options = { [K in OptionKey]: (typeof OPTIONS)[K]["default"] };

export function defaultOptions(): Options {
  return Object.fromEntries(Object.entries(OPTIONS).map(([k, spec]) => [k, structuredClone(spec.default)])) as Options;
}

export function isOptionKey(key: string): key is OptionKey {
  return Object.hasOwn(OPTIONS, key);
}

/** Validates one value; throws a ZodError naming the problem. */
export function parseOption<K extends OptionKey>(key: K, value: unknown): Options[K] {
  return OPTIONS[key].schema.parse(value) as Options[K];
}
