// img2img and inpaint (A1111's StableDiffusionProcessingImg2Img, docs/a1111/generation.md#img2img-and-inpainting): init images resized
// to the processing size, encoded by the VAE, noised to the first σ of the denoising-shortened schedule and
// sampled; with a mask, the mask is inverted/blurred, the picture optionally cropped to the masked region
// ("only masked"), the hole's content prepared (fill / original / latent noise / latent nothing), the
// unmasked latent kept every step, and the original composited back over the decoded result.
import { applyColorCorrection, colorCorrectionTarget } from "@/lib/images/color-correction";
import { pyFloat } from "@/lib/python/str";
import { checkImage, decodeGrayscale, decodeImage, decodeMask, ImageInputError } from "@/lib/images/decode-image";
import { cropToProcessing, onlyMaskedRegion, overlayOriginal, pasteBack } from "@/lib/images/inpaint-region";
import { blurMaskBounded } from "@/lib/images/mask-blur";
import { fillMasked } from "@/lib/images/masked-fill";
import { resizePixels, type CropBox, type GrayImage } from "@/lib/images/pixel-image";
import { resizeImage, type ScaleImage } from "@/lib/images/resize-mode";
import type { RgbImage } from "@/lib/images/tensor-image";
import { imagesToTensor, inpaintingConditioning } from "@/lib/pipeline/image-conditioning";
import { jobVaeEncode } from "@/lib/pipeline/job-vae";
import { jobHooks } from "@/lib/scripts/job-hooks";
import { img2imgParamsSchema, type Img2imgParams } from "@/lib/pipeline/img2img-params";
import { maskBlend, type LatentMask } from "@/lib/pipeline/mask-blend";
import { generationParamsSchema, type GenerationParams } from "@/lib/pipeline/params";
import { processImages, type ApplyOverlay, type SampleBatch } from "@/lib/pipeline/process-images";
import type { Processing } from "@/lib/pipeline/processing";
import type { Img2imgJobInputs } from "@/lib/scripts/script-job";
import { runSamplingPass } from "@/lib/pipeline/sampling-pass";
import type { GenerationResult } from "@/lib/queue/progress-report";
import { firstNoise } from "@/lib/rng/image-rng";
import type { NoiseSource } from "@/lib/sampling/types";
import type { Tensor } from "@/lib/tensor";
import { upscaleLatent } from "@/lib/upscalers/latent-upscale";
import { upscaleImage } from "@/lib/upscalers/registry";
import { resolveUpscaler } from "@/lib/upscalers/standard-names";

const MASKED_CONTENT = ["fill", "original", "latent noise", "latent nothing"] as const;

/** The mask as inpainting uses it: at processing size, at the original's size for the overlay, and the crop box. */
interface PreparedMask {
  /** Blurred mask at W×H (the latent mask and the inpainting conditioning's mask). */
  processing: GrayImage;
  /** What the original is composited back through (blurred; ×2 and clipped for whole-picture). */
  overlay: GrayImage;
  /** Only masked: the region of the original that was processed. */
  box: CropBox | null;
}

async function prepareMask(p: Processing, raw: GrayImage, params: Img2imgJobInputs): Promise<PreparedMask | null> {
  const { width, height } = p.params;
  let mask = raw;
  if (params.inpaintingMaskInvert) {
    mask = { ...mask, data: mask.data.map((v) => 255 - v) };
    p.extraGenerationParams.set("Mask mode", "Inpaint not masked");
  }
  const [blurX, blurY] = [params.maskBlur, params.maskBlurY ?? params.maskBlur];
  // Where the blurred mask can be non-zero (undefined: anywhere), so that only-masked's crop search reads only that.
  let bounds: CropBox | null | undefined;
  if (blurX > 0 || blurY > 0) {
    ({ mask, bounds } = blurMaskBounded(mask, blurX, blurY));
    // A1111 writes its `mask_blur`, which is None (left out) when the two radii differ.
    if (blurX === blurY) p.extraGenerationParams.set("Mask blur", blurX);
  }
  if (params.inpaintFullRes) {
    const box = bounds === null ? null : onlyMaskedRegion(mask, params.inpaintFullResPadding, width, height, bounds);
    // A blank mask falls back to plain img2img (A1111 adds a comment and carries on).
    if (!box) return null;
    p.extraGenerationParams.set("Inpaint area", "Only masked");
    p.extraGenerationParams.set("Masked area padding", params.inpaintFullResPadding);
    return { processing: await cropToProcessing(mask, box, width, height), overlay: mask, box };
  }
  // A1111's resize_image treats mode 3 like "resize and fill" for the mask.
  const processing = await resizeImage(params.resizeMode === 3 ? 2 : params.resizeMode, mask, width, height);
  return { processing, overlay: { ...processing, data: processing.data.map((v) => Math.min(255, 2 * v)) }, box: null };
}

/** The latent mask: resized to latent size (PIL's default bicubic), /255, rounded unless `round` is off. 1 = repaint. */
async function latentRepaintMask(mask: GrayImage, h: number, w: number, round: boolean): Promise<Float32Array> {
  const small = await resizePixels(mask, w, h, "cubic");
  return Float32Array.from(small.data, (v) => (round ? Math.round(v / 255) : v / 255));
}

/** The noise source with its first draw (the initial noise) scaled, for "Noise multiplier for img2img". */
function scaledInitialNoise(noise: NoiseSource, multiplier: number): NoiseSource {
  let first = true;
  return {
    next() {
      const draw = noise.next();
      if (!first) return draw;
      first = false;
      return draw.map((v) => v * multiplier);
    },
  };
}

/** Rows `picks` of a [N, …] tensor stacked into a batch. */
function pickRows(t: Tensor, picks: number[]): Float32Array {
  const size = t.data.length / t.shape[0];
  const out = new Float32Array(picks.length * size);
  picks.forEach((k, i) => out.set(t.data.subarray(k * size, (k + 1) * size), i * size));
  return out;
}

/** What the input checks settle before the job is created: the batch size and the images' labels in errors. */
export interface Img2imgInputs {
  params: Img2imgParams;
  /** One init image serves the whole batch; several set the batch size to their count. */
  batchSize: number;
  label: (i: number) => string;
}

/** Checks every upload from its header before the model loads or anything is written. */
export async function checkImg2imgInputs(request: Img2imgParams): Promise<Img2imgInputs> {
  const params = img2imgParamsSchema.parse(request);
  const label = (i: number) => (params.initImages.length > 1 ? `init image ${i + 1}` : "init image");
  const sizes = await Promise.all(params.initImages.map((bytes, i) => checkImage(bytes, label(i))));
  if (params.mask) {
    const m = await checkImage(params.mask, "mask");
    if (m.width !== sizes[0].width || m.height !== sizes[0].height) {
      throw new ImageInputError(`mask is ${m.width}x${m.height} but the init image is ${sizes[0].width}x${sizes[0].height}; they must be the same size`);
    }
  }
  if (params.latentMask) await checkImage(params.latentMask, "latent mask");
  if (params.initImages.length > 1 && params.initImages.length > params.batchSize) {
    throw new ImageInputError(`${params.initImages.length} init images for batch size ${params.batchSize}: pass one image, or at most batch size images`);
  }
  const batchSize = params.initImages.length > 1 ? params.initImages.length : params.batchSize;
  return { params, batchSize, label };
}

/** The job's generation parameters: the img2img request with the batch size its images imply. */
export function img2imgGenerationParams({ params, batchSize }: Img2imgInputs): GenerationParams {
  return generationParamsSchema.parse({ ...params, batchSize });
}

/** The img2img-only inputs a job starts with (`p.img2img`), which scripts' `process` hooks may replace. */
export function img2imgJobInputs({ params }: Img2imgInputs): Img2imgJobInputs {
  const { initImages, mask, latentMask, maskRound, resizeMode, denoisingStrength, maskBlur, maskBlurY, inpaintingFill, inpaintFullRes, inpaintFullResPadding, inpaintingMaskInvert, initialNoiseMultiplier } = params;
  return { initImages, mask, latentMask, maskRound, resizeMode, denoisingStrength, maskBlur, maskBlurY, inpaintingFill, inpaintFullRes, inpaintFullResPadding, inpaintingMaskInvert, initialNoiseMultiplier };
}

/**
 * The img2img job body, run after the scripts' `process` hooks: the size comes from `p.params`, the init
 * images and inpaint settings from `p.img2img`, so that a script may have changed both.
 */
export async function sampleImg2img(p: Processing, { batchSize, label }: Img2imgInputs): Promise<GenerationResult> {
  const { options, model } = p;
  const params = p.img2img!;
  const { width, height } = p.params;
  const { denoisingStrength } = params;
  p.denoisingStrength = denoisingStrength;
  p.extraGenerationParams.set("Denoising strength", p.params.floatNumbers ? pyFloat(denoisingStrength) : denoisingStrength);

  const inits = await Promise.all(params.initImages.map((bytes, i) => decodeImage(bytes, label(i), options.img2img_background_color)));
  const mask = params.mask ? await prepareMask(p, await decodeMask(params.mask, "mask", params.maskRound), params) : null;
  // A1111 uses the latent mask (when given) as it comes for the "fill" content and the latent blend.
  const given = mask && params.latentMask ? await decodeGrayscale(params.latentMask, "latent mask") : null;
  const latentSource = given ?? mask?.processing ?? null;
  const img2imgUpscaler = resolveUpscaler(options.upscaler_for_img2img ?? "None")?.upscaler;
  const upscale: ScaleImage | undefined =
    img2imgUpscaler && img2imgUpscaler.kind !== "none"
      ? (img, s) => upscaleImage(img, s, img2imgUpscaler, { tile: options.ESRGAN_tile, overlap: options.ESRGAN_tile_overlap })
      : undefined;

  const originals: RgbImage[] = [];
  const overlays: GrayImage[] = [];
  const processed: RgbImage[] = [];
  for (const init of inits) {
    let image = init;
    if (!mask?.box && params.resizeMode !== 3) image = await resizeImage(params.resizeMode, image, width, height, upscale);
    if (params.resizeMode === 3) {
      // Encoded at its own size (floored to whole latent pixels), the latent is resized below.
      image = await resizePixels(image, Math.max(8, Math.floor(image.width / 8) * 8), Math.max(8, Math.floor(image.height / 8) * 8));
    }
    if (mask) {
      const original = mask.box || params.resizeMode !== 3 ? image : await resizeImage(0, init, width, height);
      originals.push(original);
      overlays.push(mask.overlay.width === original.width && mask.overlay.height === original.height ? mask.overlay : await resizeImage(params.resizeMode === 3 ? 2 : params.resizeMode, mask.overlay, original.width, original.height));
    }
    if (mask?.box) image = await cropToProcessing(image, mask.box, width, height);
    if (latentSource && params.inpaintingFill === 0) image = await fillMasked(image, await resizePixels(latentSource, width, height));
    processed.push(image);
  }
  if (mask && params.inpaintingFill !== 1) p.extraGenerationParams.set("Masked content", MASKED_CONTENT[params.inpaintingFill]);

  const [c, h, w] = p.latentShape();
  const pixels = imagesToTensor(processed);
  let latents = await jobVaeEncode(p)(pixels);
  if (params.resizeMode === 3) latents = upscaleLatent(latents, h, w, "Latent");
  // One init image serves the whole batch; several map one to one.
  const source = (b: number) => (processed.length === 1 ? 0 : b);
  const perImage = Array.from({ length: batchSize }, (_, b) => source(b));
  let initLatent = pickRows(latents, perImage);

  let repaint: Float32Array | null = null;
  if (latentSource) {
    repaint = await latentRepaintMask(latentSource, h, w, params.maskRound);
    const plane = h * w;
    const keepAt = (i: number) => 1 - repaint![i % plane];
    if (params.inpaintingFill === 2) {
      // Noise from the first batch's seeds, used for every batch (docs/a1111/quirks.md#q19).
      const noise = firstNoise({ shape: [c, h, w], seeds: p.allSeeds.slice(0, batchSize), source: options.randn_source });
      initLatent = initLatent.map((v, i) => v * keepAt(i) + noise[i] * (1 - keepAt(i)));
    } else if (params.inpaintingFill === 3) {
      initLatent = initLatent.map((v, i) => v * keepAt(i));
    }
  }

  let imageCond: Tensor | null = null;
  if (model.isInpainting) {
    const cond = await inpaintingConditioning(jobVaeEncode(p), pixels, mask?.processing ?? null, options.inpainting_mask_weight, params.maskRound);
    imageCond = { data: pickRows(cond, perImage), shape: [batchSize, ...cond.shape.slice(1)] };
    p.isUsingInpaintingConditioning = true;
    p.extraGenerationParams.set("Conditional mask weight", options.inpainting_mask_weight);
  }

  const multiplier = params.initialNoiseMultiplier ?? options.initial_noise_multiplier;
  if (multiplier !== 1) p.extraGenerationParams.set("Noise multiplier", multiplier);

  // Colour correction matches each result to its processed init image, before the inpaint overlay.
  const corrections = options.img2img_color_correction ? processed.map(colorCorrectionTarget) : null;
  const applyOverlay: ApplyOverlay | undefined =
    mask || corrections
      ? async (decoded, b, index) => {
          const k = source(b);
          const rgb = corrections ? applyColorCorrection(corrections[k], decoded) : decoded;
          if (!mask) return rgb;
          const overlay = await jobHooks(p).maskOverlay({ index, mask: overlays[k], box: mask.box });
          if (mask.box) return pasteBack(originals[k], rgb, mask.box, overlay);
          // A script's overlay mask is composited even with "Overlay original for inpaint" off (Soft Inpainting's is).
          return options.overlay_inpaint || overlay !== overlays[k] ? overlayOriginal(originals[k], rgb, overlay) : rgb;
        }
      : undefined;
  const sampleBatch: SampleBatch = async (p, batch) => {
    const n = batch.indices.length;
    const init = initLatent.subarray(0, n * c * h * w);
    const latentMask: LatentMask | null = repaint && { init, nmask: repaint };
    const result = await runSamplingPass({
      p,
      sampler: p.params.samplerName,
      scheduler: p.params.scheduler,
      steps: p.params.steps,
      conditioning: { cond: batch.cond, uncond: batch.uncond, images: batch.indices },
      emptyChunk: batch.emptyChunk,
      latentShape: [c, h, w],
      noise: multiplier !== 1 ? scaledInitialNoise(batch.noise, multiplier) : batch.noise,
      brownian: batch.brownian,
      img2img: { initLatent: init, denoisingStrength, fixSteps: options.img2img_fix_steps },
      imageCond,
      latentMask,
    });
    if (!latentMask) return result;
    // The unmasked latent is the init latent exactly, once more after sampling (A1111's final blend).
    return { ...result, latent: await maskBlend(p, latentMask, result.latent, [n, c, h, w], null) };
  };
  return processImages(p, sampleBatch, applyOverlay);
}
