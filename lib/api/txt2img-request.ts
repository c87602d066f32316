// POST /sdapi/v1/txt2img's body: A1111's StableDiffusionTxt2ImgProcessingAPI (docs/a1111/api.md#request-fields-and-defaults)
// with the API defaults, which differ from the UI's (Euler via `sampler_index`, 50 steps,
// save_images false). Every field is optional; unknown fields are dropped, as pydantic v1 ignores
// them. The parsed object, defaults included, is what the response echoes as `parameters`.
import { z } from "zod";
import { API_FIELDS, PROCESSING_FIELDS } from "@/lib/api/generation-request";
import { bool, float, int, str } from "@/lib/api/pydantic-fields";

export const txt2imgRequestSchema = z.object({
  ...PROCESSING_FIELDS,
  enable_hr: bool({ default: false, nullMeansDefault: true }),
  /** Legacy: when either is set, they become the first pass's size (width/height are then ignored). */
  firstphase_width: int({ default: 0, nullMeansDefault: true }),
  firstphase_height: int({ default: 0, nullMeansDefault: true }),
  hr_scale: float({ default: 2.0, nullMeansDefault: true }),
  hr_upscaler: str({ default: null }),
  hr_second_pass_steps: int({ default: 0, nullMeansDefault: true }),
  hr_resize_x: int({ default: 0, nullMeansDefault: true }),
  hr_resize_y: int({ default: 0, nullMeansDefault: true }),
  hr_checkpoint_name: str({ default: null }),
  hr_sampler_name: str({ default: null }),
  hr_scheduler: str({ default: null }),
  hr_prompt: str({ default: "", nullMeansDefault: true }),
  hr_negative_prompt: str({ default: "", nullMeansDefault: true }),
  ...API_FIELDS,
});

export type Txt2imgRequest = z.infer<typeof txt2imgRequestSchema>;
