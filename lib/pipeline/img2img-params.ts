// The parameters of an img2img / inpaint job (docs/a1111/generation.md#img2img-and-inpainting): the txt2img fields without hires fix,
// plus the init images and mask — as uploaded bytes, or as pixels (scripts' child jobs, docs/extensions.md#inpaint) —
// and the inpaint controls. Defaults are the UI's (the API's differ: masked content fill, only masked, padding
// 0 — the API layer supplies those).
import { z } from "zod";
import type { ImageInput } from "@/lib/images/decode-image";
import type { PixelImage } from "@/lib/images/pixel-image";
import { generationParamsSchema } from "@/lib/pipeline/params";

/** `{ width, height, data }` (the decoder checks that the data fits the size). */
function isPixels(v: unknown): boolean {
  const { width, height, data } = (v ?? {}) as Partial<PixelImage>;
  return Number.isInteger(width) && Number.isInteger(height) && data instanceof Uint8Array;
}
const imageInput = z.custom<ImageInput>((v) => v instanceof Uint8Array || isPixels(v), "must be PNG, JPEG or WebP bytes, or pixels");

export const img2imgParamsSchema = generationParamsSchema
  .omit({
    enableHr: true,
    hrScale: true,
    hrResizeX: true,
    hrResizeY: true,
    hrUpscaler: true,
    hrSecondPassSteps: true,
    hrSamplerName: true,
    hrScheduler: true,
    hrPrompt: true,
    hrNegativePrompt: true,
  })
  .extend({
    /** One image (used for the whole batch) or one per image of the batch. */
    initImages: z.array(imageInput).min(1, "an init image is needed"),
    /** 0 just resize, 1 crop and resize, 2 resize and fill, 3 just resize (latent upscale). */
    resizeMode: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).default(0),
    denoisingStrength: z.number().min(0).max(1).default(0.75),
    /** White = repaint; a mask with transparency is read from its alpha channel. Same size as the init image. */
    mask: imageInput.nullable().default(null),
    /** Mask blur radius along x, and along y too unless `maskBlurY` is given (A1111's mask_blur_x / _y; Outpainting mk2 goes to 4 × 64). */
    maskBlur: z.number().int().min(0).max(256).default(4),
    maskBlurY: z.number().int().min(0).max(256).nullable().default(null),
    /** Binarise the mask (alpha masks at > 128, the latent mask and inpainting conditioning to 0/1); A1111's mask_round. */
    maskRound: z.boolean().default(true),
    /**
     * A separate mask for the latent blend and the "fill" content (A1111's latent_mask; the outpainting
     * scripts draw it narrower than the picture mask). Used as given: not inverted, blurred or cropped.
     */
    latentMask: imageInput.nullable().default(null),
    /** 0 fill, 1 original, 2 latent noise, 3 latent nothing. */
    inpaintingFill: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).default(1),
    /** Inpaint area: true = only masked. */
    inpaintFullRes: z.boolean().default(false),
    inpaintFullResPadding: z.number().int().min(0).max(256).default(32),
    /** Mask mode: true = inpaint not masked. */
    inpaintingMaskInvert: z.boolean().default(false),
    /** null = the "Noise multiplier for img2img" setting. */
    initialNoiseMultiplier: z.number().min(0).max(1.5).nullable().default(null),
  });

export type Img2imgParams = z.infer<typeof img2imgParamsSchema>;
export type Img2imgInput = z.input<typeof img2imgParamsSchema>;
