// The request fields txt2img and img2img share (docs/a1111/api.md#request-fields-and-defaults): A1111 generates both request
// models from StableDiffusionProcessing's constructor fields, then adds the API's own fields. The
// kind-specific fields go between the two, as in A1111's models. All optional, API defaults.
import { z } from "zod";
import { bool, dict, float, int, list, str } from "@/lib/api/pydantic-fields";

export const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);

/** StableDiffusionProcessing's fields. */
export const PROCESSING_FIELDS = {
  prompt: str().default(""),
  negative_prompt: str().default(""),
  styles: nullable(z.array(str(), { error: "value is not a valid list" })),
  seed: int().default(-1),
  subseed: int().default(-1),
  subseed_strength: float().default(0),
  seed_resize_from_h: int().default(-1),
  seed_resize_from_w: int().default(-1),
  sampler_name: nullable(str()),
  scheduler: nullable(str()),
  batch_size: int().default(1),
  n_iter: int().default(1),
  steps: int().default(50),
  cfg_scale: float().default(7.0),
  width: int().default(512),
  height: int().default(512),
  restore_faces: nullable(bool()),
  tiling: nullable(bool()),
  do_not_save_samples: bool().default(false),
  do_not_save_grid: bool().default(false),
  eta: nullable(float()),
  denoising_strength: float().default(0.75),
  s_min_uncond: nullable(float()),
  s_churn: nullable(float()),
  s_tmax: nullable(float()),
  s_tmin: nullable(float()),
  s_noise: nullable(float()),
  override_settings: nullable(dict()),
  override_settings_restore_afterwards: bool().default(true),
  refiner_checkpoint: nullable(str()),
  refiner_switch_at: nullable(float()),
  disable_extra_networks: bool().default(false),
  firstpass_image: nullable(str()),
  comments: nullable(dict()),
  force_task_id: nullable(str()),
};

/** What A1111's API adds to the processing fields. */
export const API_FIELDS = {
  /** Legacy: holds a sampler *name*; used when `sampler_name` is empty. */
  sampler_index: str().default("Euler"),
  script_name: nullable(str()),
  script_args: list().default([]),
  send_images: bool().default(true),
  save_images: bool().default(false),
  alwayson_scripts: dict().default({}),
  infotext: nullable(str()),
};

const commonRequestSchema = z.object({ ...PROCESSING_FIELDS, ...API_FIELDS });

/** The fields every generation request has, whichever its kind. */
export type GenerationRequest = z.infer<typeof commonRequestSchema>;
