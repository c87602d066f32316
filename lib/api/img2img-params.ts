// From an A1111 img2img request (with its images decoded) to the pipeline's Img2imgParams
// (docs/a1111/generation.md#img2img-and-inpainting, docs/a1111/api.md#request-fields-and-defaults): the shared generation fields plus resize mode, denoising and the inpaint
// fields with the API's defaults. Problems A1111 would only meet inside the job (a mask of another size,
// more init images than the batch) are 422s before anything is queued.
import { fieldError, parseApiParams } from "@/lib/api/api-params";
import type { DecodedImage } from "@/lib/api/encoded-image";
import { generationInput } from "@/lib/api/generation-params";
import type { Img2imgRequest } from "@/lib/api/img2img-request";
import { img2imgParamsSchema, type Img2imgInput, type Img2imgParams } from "@/lib/pipeline/img2img-params";

export interface Img2imgUploads {
  initImages: DecodedImage[];
  mask: DecodedImage | null;
  latentMask?: DecodedImage | null;
}

/** A1111 blurs the mask by mask_blur_x, then by mask_blur_y; `mask_blur` sets both. */
function maskBlurRadii(req: Img2imgRequest): [x: number, y: number] {
  return req.mask_blur !== null ? [req.mask_blur, req.mask_blur] : [req.mask_blur_x, req.mask_blur_y];
}

function checkUploads(req: Img2imgRequest, { initImages, mask }: Img2imgUploads): void {
  const [first] = initImages;
  if (mask && (mask.width !== first.width || mask.height !== first.height)) {
    throw fieldError("mask", `the mask is ${mask.width}x${mask.height} but init_images[0] is ${first.width}x${first.height}; they must be the same size`);
  }
  // One init image serves the whole batch; several replace it, at most one per image (A1111's words).
  if (initImages.length > 1 && initImages.length > req.batch_size) {
    throw fieldError("init_images", `bad number of images passed: ${initImages.length}; expecting ${req.batch_size} or less`);
  }
}

export function img2imgParams(req: Img2imgRequest, uploads: Img2imgUploads): Img2imgParams {
  checkUploads(req, uploads);
  const [blurX, blurY] = maskBlurRadii(req);
  const input = {
    ...generationInput(req),
    initImages: uploads.initImages.map((image) => image.bytes),
    // The enumerations arrive as ints; the schema refuses values outside them.
    resizeMode: req.resize_mode as Img2imgInput["resizeMode"],
    denoisingStrength: req.denoising_strength,
    mask: uploads.mask?.bytes ?? null,
    maskBlur: blurX,
    maskBlurY: blurY === blurX ? null : blurY,
    maskRound: req.mask_round,
    latentMask: uploads.latentMask?.bytes ?? null,
    inpaintingFill: req.inpainting_fill as Img2imgInput["inpaintingFill"],
    inpaintFullRes: req.inpaint_full_res,
    inpaintFullResPadding: req.inpaint_full_res_padding,
    inpaintingMaskInvert: req.inpainting_mask_invert !== 0,
    initialNoiseMultiplier: req.initial_noise_multiplier,
  } satisfies Img2imgInput;
  return parseApiParams(img2imgParamsSchema, input);
}
