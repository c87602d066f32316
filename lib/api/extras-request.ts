// The bodies of POST /sdapi/v1/extra-single-image and /extra-batch-images: A1111's ExtrasBaseRequest
// (docs/a1111/generation.md#extras, docs/a1111/api.md#endpoints-and-errors) with its API defaults and bounds — resize_mode 0 (scale by) or 1 (scale
// to), visibilities 0–1, upscaling_resize > 0, sizes ≥ 1 — plus `image` or `imageList`.
import { z } from "zod";
import { bool, float, int, str } from "@/lib/api/pydantic-fields";

const visibility = () => float({ default: 0, ge: 0, le: 1 });

const EXTRAS_FIELDS = {
  resize_mode: z.union([z.literal(0), z.literal(1)], { error: "unexpected value; permitted: 0, 1" }).default(0),
  /** Has no effect through the API: its results are always returned. */
  show_extras_results: bool({ default: true }),
  gfpgan_visibility: visibility(),
  codeformer_visibility: visibility(),
  codeformer_weight: visibility(),
  upscaling_resize: float({ default: 2, gt: 0 }),
  upscaling_resize_w: int({ default: 512, ge: 1 }),
  upscaling_resize_h: int({ default: 512, ge: 1 }),
  upscaling_crop: bool({ default: true }),
  upscaler_1: str({ default: "None" }),
  upscaler_2: str({ default: "None" }),
  extras_upscaler_2_visibility: visibility(),
  /** Accepted and ignored, as in A1111: the order is always upscale first (docs/a1111/quirks.md#q13). */
  upscale_first: bool({ default: false }),
};

export const extrasSingleImageRequestSchema = z.object({
  ...EXTRAS_FIELDS,
  /** Base64 (data URI or bare). */
  image: str({ default: "" }),
});

export const extrasBatchImagesRequestSchema = z.object({
  ...EXTRAS_FIELDS,
  imageList: z.array(z.object({ data: str(), name: str() }), { error: "value is not a valid list" }),
});

export type ExtrasSingleImageRequest = z.infer<typeof extrasSingleImageRequestSchema>;
export type ExtrasBatchImagesRequest = z.infer<typeof extrasBatchImagesRequestSchema>;
/** The upscale settings both requests share. */
export type ExtrasRequest = Omit<ExtrasSingleImageRequest, "image">;
