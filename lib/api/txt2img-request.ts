// POST /sdapi/v1/txt2img's body: A1111's StableDiffusionTxt2ImgProcessingAPI (a1111-spec.md §6.3)
// with the API defaults, which differ from the UI's (Euler via `sampler_index`, 50 steps,
// save_images false). Every field is optional; unknown fields are dropped, as pydantic v1 ignores
// them. The parsed object, defaults included, is what the response echoes as `parameters`.
import { z } from "zod";
import { bool, dict, float, int, list, str } from "@/lib/api/pydantic-fields";

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);

export const txt2imgRequestSchema = z.object({
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
  enable_hr: bool().default(false),
  firstphase_width: int().default(0),
  firstphase_height: int().default(0),
  hr_scale: float().default(2.0),
  hr_upscaler: nullable(str()),
  hr_second_pass_steps: int().default(0),
  hr_resize_x: int().default(0),
  hr_resize_y: int().default(0),
  hr_checkpoint_name: nullable(str()),
  hr_sampler_name: nullable(str()),
  hr_scheduler: nullable(str()),
  hr_prompt: str().default(""),
  hr_negative_prompt: str().default(""),
  force_task_id: nullable(str()),
  /** Legacy: holds a sampler *name*; used when `sampler_name` is empty. */
  sampler_index: str().default("Euler"),
  script_name: nullable(str()),
  script_args: list().default([]),
  send_images: bool().default(true),
  save_images: bool().default(false),
  alwayson_scripts: dict().default({}),
  infotext: nullable(str()),
});

export type Txt2imgRequest = z.infer<typeof txt2imgRequestSchema>;
