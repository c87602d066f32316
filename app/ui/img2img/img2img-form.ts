// The img2img tab's form: everything txt2img's has but hires fix, plus resize mode, denoising and the
// inpaint controls, with A1111's UI defaults taken from the pipeline's own schema. The request adds
// the init image and, on the Inpaint sub-tab, the drawn mask.
import type { Img2imgRequest } from "@/app/actions/img2img";
import type { ImageSource } from "@/app/ui/generation/image-source";
import type { PastableForm } from "@/app/ui/txt2img/apply-infotext";
import { commonFormDefaults, toGenerationInput } from "@/app/ui/txt2img/txt2img-form";
import { img2imgParamsSchema } from "@/lib/pipeline/img2img-params";
import { scaledSize } from "@/lib/pipeline/resize-by";
import { snapToRange } from "@/app/ui/controls/snap-to-range";

export type ResizeMode = 0 | 1 | 2 | 3;
export type MaskedContent = 0 | 1 | 2 | 3;

export const RESIZE_MODES = ["Just resize", "Crop and resize", "Resize and fill", "Just resize (latent upscale)"] as const;
export const MASK_MODES = ["Inpaint masked", "Inpaint not masked"] as const;
export const MASKED_CONTENT = ["fill", "original", "latent noise", "latent nothing"] as const;
export const INPAINT_AREAS = ["Whole picture", "Only masked"] as const;

export interface InpaintFields {
  maskBlur: number;
  inpaintingMaskInvert: boolean;
  inpaintingFill: MaskedContent;
  inpaintFullRes: boolean;
  inpaintFullResPadding: number;
}

/** "Resize to" (Width and Height) or "Resize by" (a factor of the image's size), A1111's two size tabs. */
export type SizeTab = "to" | "by";

export type Img2imgForm = PastableForm & InpaintFields & { resizeMode: ResizeMode; denoisingStrength: number; sizeTab: SizeTab; scaleBy: number };

/**
 * The img2img tab's image sub-tabs: "inpaint" draws the mask on the image, "inpaint_upload" takes it as a
 * file (white = repaint), "sketch" draws in colour on the image, "inpaint_sketch" too, its strokes being the mask.
 */
export type Img2imgMode = "img2img" | "sketch" | "inpaint" | "inpaint_sketch" | "inpaint_upload";

export function defaultImg2imgForm(samplers: readonly string[], schedules: readonly string[]): Img2imgForm {
  const d = img2imgParamsSchema.omit({ initImages: true }).parse({});
  return {
    ...commonFormDefaults(d, samplers, schedules),
    resizeMode: d.resizeMode,
    denoisingStrength: d.denoisingStrength,
    sizeTab: "to",
    scaleBy: 1,
    maskBlur: d.maskBlur,
    inpaintingMaskInvert: d.inpaintingMaskInvert,
    inpaintingFill: d.inpaintingFill,
    inpaintFullRes: d.inpaintFullRes,
    inpaintFullResPadding: d.inpaintFullResPadding,
  };
}

const SIZE = { min: 64, max: 2048, step: 8 };

/** "Resize to" follows a new image's size, snapped onto the Width/Height sliders' grid (the auto-detect size button does the same). */
export function withImageSize<Form extends Img2imgForm>(form: Form, image: Pick<ImageSource, "width" | "height">): Form {
  return { ...form, width: snapToRange(image.width, SIZE), height: snapToRange(image.height, SIZE) };
}

/** The server action's request; `mask` only on the Inpaint sub-tab (a PNG of the image's size, strokes opaque). */
export function toImg2imgRequest(form: Img2imgForm, image: ImageSource, mask: string | null): Img2imgRequest {
  const size = form.sizeTab === "by" ? scaledSize(image, form.scaleBy) : {};
  return { ...toGenerationInput({ ...form, ...size }), initImages: [image.dataUrl], mask };
}
