// The request fields txt2img and img2img share (docs/a1111/api.md#request-fields-and-defaults): A1111 generates both request
// models from StableDiffusionProcessing's constructor fields, then adds the API's own fields. The
// kind-specific fields go between the two, as in A1111's models. All optional, API defaults; values
// are coerced as pydantic v1 does (lib/api/pydantic-fields.ts).
import { z } from "zod";
import { bool, dict, float, int, list, str, strList } from "@/lib/api/pydantic-fields";

/** A processing field: A1111 generates these as Optional, so null (or nothing) means the default. */
const opt = { nullMeansDefault: true } as const;

/** StableDiffusionProcessing's fields. */
export const PROCESSING_FIELDS = {
  prompt: str({ default: "", ...opt }),
  negative_prompt: str({ default: "", ...opt }),
  styles: strList({ default: null }),
  seed: int({ default: -1, ...opt }),
  subseed: int({ default: -1, ...opt }),
  subseed_strength: float({ default: 0, ...opt }),
  seed_resize_from_h: int({ default: -1, ...opt }),
  seed_resize_from_w: int({ default: -1, ...opt }),
  sampler_name: str({ default: null }),
  scheduler: str({ default: null }),
  batch_size: int({ default: 1, ...opt }),
  n_iter: int({ default: 1, ...opt }),
  steps: int({ default: 50, ...opt }),
  cfg_scale: float({ default: 7.0, ...opt }),
  width: int({ default: 512, ...opt }),
  height: int({ default: 512, ...opt }),
  restore_faces: bool({ default: null }),
  tiling: bool({ default: null }),
  do_not_save_samples: bool({ default: false, ...opt }),
  do_not_save_grid: bool({ default: false, ...opt }),
  eta: float({ default: null }),
  denoising_strength: float({ default: 0.75, ...opt }),
  s_min_uncond: float({ default: null }),
  s_churn: float({ default: null }),
  s_tmax: float({ default: null }),
  s_tmin: float({ default: null }),
  s_noise: float({ default: null }),
  override_settings: dict({ default: null }),
  override_settings_restore_afterwards: bool({ default: true, ...opt }),
  refiner_checkpoint: str({ default: null }),
  refiner_switch_at: float({ default: null }),
  disable_extra_networks: bool({ default: false, ...opt }),
  firstpass_image: str({ default: null }),
  comments: dict({ default: null }),
  force_task_id: str({ default: null }),
};

/** What A1111's API adds to the processing fields (typed as declared there: null only where the default is). */
export const API_FIELDS = {
  /** Legacy: holds a sampler *name*; used when `sampler_name` is empty. */
  sampler_index: str({ default: "Euler" }),
  script_name: str({ default: null }),
  script_args: list({ default: [] }),
  send_images: bool({ default: true }),
  save_images: bool({ default: false }),
  alwayson_scripts: dict({ default: {} }),
  infotext: str({ default: null }),
};

const commonRequestSchema = z.object({ ...PROCESSING_FIELDS, ...API_FIELDS });

/** The fields every generation request has, whichever its kind. */
export type GenerationRequest = z.infer<typeof commonRequestSchema>;
