// POST /sdapi/v1/img2img's body: A1111's StableDiffusionImg2ImgProcessingAPI (docs/a1111/api.md#request-fields-and-defaults, docs/a1111/generation.md#img2img-and-inpainting).
// The inpaint defaults are the API's, not the UI's (docs/a1111/quirks.md#q4): masked content fill (0), inpaint area
// "only masked" (true), padding 0. Images are base64 (data URI or bare); `init_images` is declared
// optional as in A1111, whose handler then answers 404 "Init image not found".
import { z } from "zod";
import { API_FIELDS, PROCESSING_FIELDS } from "@/lib/api/generation-request";
import { bool, float, int, str, strList } from "@/lib/api/pydantic-fields";

const opt = { nullMeansDefault: true } as const;

export const img2imgRequestSchema = z.object({
  ...PROCESSING_FIELDS,
  init_images: strList({ default: null }),
  resize_mode: int({ default: 0, ...opt }),
  image_cfg_scale: float({ default: null }),
  mask: str({ default: null }),
  mask_blur_x: int({ default: 4, ...opt }),
  mask_blur_y: int({ default: 4, ...opt }),
  /** Sets both mask_blur_x and mask_blur_y. */
  mask_blur: int({ default: null }),
  mask_round: bool({ default: true, ...opt }),
  inpainting_fill: int({ default: 0, ...opt }),
  inpaint_full_res: bool({ default: true, ...opt }),
  inpaint_full_res_padding: int({ default: 0, ...opt }),
  /** An int in A1111 (clients send false/true, pydantic makes them 0/1). */
  inpainting_mask_invert: int({ default: 0, ...opt }),
  initial_noise_multiplier: float({ default: null }),
  latent_mask: str({ default: null }),
  ...API_FIELDS,
  /** Echo init_images and mask in the response's `parameters` (otherwise null there). */
  include_init_images: bool({ default: false }),
});

export type Img2imgRequest = z.infer<typeof img2imgRequestSchema>;
