// Hires fix (docs/a1111/generation.md#hires-fix): the target-size arithmetic, its infotext keys, and the second pass — the
// first pass's latent upscaled (a latent mode, or decode → image upscaler → encode), cropped centrally for
// "resize to" both sides, then sampled as img2img with the hires sampler/schedule/steps/prompts, fresh noise
// for the new shape from the same per-image seeds, and exactly the hires steps run.
import type { InfotextValue } from "@/lib/infotext/values";
import { pyFloat } from "@/lib/python/str";
import { resizeImage, type ScaleImage } from "@/lib/images/resize-mode";
import { tensorToRgb } from "@/lib/images/tensor-image";
import { encoderSettingsOf, PromptEncoder } from "@/lib/pipeline/conditioning";
import { cachedConditioning } from "@/lib/pipeline/conditioning-cache";
import { imagesToTensor, inpaintingConditioning } from "@/lib/pipeline/image-conditioning";
import { jobVaeDecode, jobVaeEncode } from "@/lib/pipeline/job-vae";
import { hiresTarget } from "@/lib/pipeline/hires-target";
import type { GenerationParams } from "@/lib/pipeline/params";
import type { BatchContext } from "@/lib/pipeline/process-images";
import type { Processing } from "@/lib/pipeline/processing";
import { runSamplingPass, type SamplingPassResult } from "@/lib/pipeline/sampling-pass";
import { createBrownianNoise } from "@/lib/rng/brownian";
import { ImageRNG } from "@/lib/rng/image-rng";
import { resolveSamplerAndScheduler } from "@/lib/sampling/registry";
import { promptScheduleSteps } from "@/lib/sampling/sample";
import type { Tensor } from "@/lib/tensor";
import { isLatentUpscaleMode, upscaleLatent } from "@/lib/upscalers/latent-upscale";
import { findUpscaler, upscaleImage } from "@/lib/upscalers/registry";

/** The hires infotext keys in A1111's insertion order (docs/a1111/generation.md#hires-fix). */
export function hiresInfotext(params: GenerationParams): Array<[string, InfotextValue]> {
  const float = (x: number) => (params.floatNumbers ? pyFloat(x) : x);
  const entries: Array<[string, InfotextValue]> = [["Denoising strength", float(params.denoisingStrength)]];
  const sampler = hiresSampler(params);
  if (sampler !== params.samplerName) entries.push(["Hires sampler", sampler]);
  if (params.hrPrompt && params.hrPrompt !== params.prompt) entries.push(["Hires prompt", params.hrPrompt]);
  if (params.hrNegativePrompt && params.hrNegativePrompt !== params.negativePrompt) entries.push(["Hires negative prompt", params.hrNegativePrompt]);
  const scheduler = hiresScheduler(params);
  if (scheduler !== params.scheduler) entries.push(["Hires schedule type", scheduler]);
  if (params.hrResizeX === 0 && params.hrResizeY === 0) entries.push(["Hires upscale", float(params.hrScale)]);
  else entries.push(["Hires resize", `${params.hrResizeX}x${params.hrResizeY}`]);
  if (params.hrSecondPassSteps) entries.push(["Hires steps", params.hrSecondPassSteps]);
  if (params.hrUpscaler !== null) entries.push(["Hires upscaler", params.hrUpscaler]);
  return entries;
}

const hiresSampler = (params: GenerationParams) => (params.hrSamplerName && params.hrSamplerName !== "Use same sampler" ? params.hrSamplerName : params.samplerName);
const hiresScheduler = (params: GenerationParams) => (params.hrScheduler && params.hrScheduler !== "Use same scheduler" ? params.hrScheduler : params.scheduler);

/** Checks the hires choices before any work and records the infotext keys. */
export function prepareHires(p: Processing): void {
  const { params } = p;
  const upscaler = params.hrUpscaler ?? "Latent";
  if (!isLatentUpscaleMode(upscaler) && !findUpscaler(upscaler)) throw new Error(`could not find upscaler named ${upscaler}`);
  if (!resolveSamplerAndScheduler(hiresSampler(params), hiresScheduler(params), { convertAutomatic: false })) {
    throw new Error(`unknown hires sampler "${hiresSampler(params)}"`);
  }
  p.denoisingStrength = params.denoisingStrength;
  for (const [key, value] of hiresInfotext(params)) p.extraGenerationParams.set(key, value);
}

/** Central crop of [B, C, h, w] by (ty, tx) latent pixels: ⌊t/2⌋ before, ⌈t/2⌉ after. */
function cropLatent(t: Tensor, ty: number, tx: number): Tensor {
  const [b, c, h, w] = t.shape;
  const nh = h - ty;
  const nw = w - tx;
  const top = Math.floor(ty / 2);
  const left = Math.floor(tx / 2);
  const out = new Float32Array(b * c * nh * nw);
  for (let p = 0; p < b * c; p++) {
    for (let y = 0; y < nh; y++) {
      const from = p * h * w + (top + y) * w + left;
      out.set(t.data.subarray(from, from + nw), (p * nh + y) * nw);
    }
  }
  return { data: out, shape: [b, c, nh, nw] };
}

/** The second pass over a batch's first-pass latent. */
export async function runHiresPass(p: Processing, batch: BatchContext, firstPass: Float32Array): Promise<SamplingPassResult & { latentShape: [number, number, number] }> {
  const { params, options, model } = p;
  const [c, h, w] = p.latentShape();
  const n = batch.indices.length;
  const target = hiresTarget(params);
  const upscalerName = params.hrUpscaler ?? "Latent";
  let latent: Tensor = { data: firstPass, shape: [n, c, h, w] };
  let decoded: Tensor | null = null;
  if (isLatentUpscaleMode(upscalerName)) {
    latent = upscaleLatent(latent, Math.floor(target.upscaleHeight / 8), Math.floor(target.upscaleWidth / 8), upscalerName);
  } else {
    const upscaler = findUpscaler(upscalerName)!;
    const tiles = { tile: options.ESRGAN_tile, overlap: options.ESRGAN_tile_overlap };
    const scale: ScaleImage | undefined = upscaler.kind === "none" ? undefined : (img, s) => upscaleImage(img, s, upscaler, tiles);
    const lowres = await jobVaeDecode(p)(latent);
    const images = [];
    for (let b = 0; b < n; b++) images.push(await resizeImage(0, tensorToRgb(lowres, b), target.upscaleWidth, target.upscaleHeight, scale));
    decoded = imagesToTensor(images);
    latent = await jobVaeEncode(p)(decoded);
  }
  let imageCond: Tensor | null = null;
  if (model.isInpainting) {
    // All-masked conditioning: the decoded picture (image upscalers) or a 0.5-grey one (latent modes).
    const [, , lh, lw] = latent.shape;
    const source = decoded ?? { data: new Float32Array(n * 3 * lh * 8 * lw * 8), shape: [n, 3, lh * 8, lw * 8] };
    imageCond = cropLatent(await inpaintingConditioning(jobVaeEncode(p), source, null, decoded ? options.inpainting_mask_weight : 1), target.truncateY, target.truncateX);
  }
  latent = cropLatent(latent, target.truncateY, target.truncateX);
  const shape: [number, number, number] = [c, latent.shape[2], latent.shape[3]];

  // Denoising 0 makes A1111's hires schedule empty: the upscaled latent is the result (A1111's own API test relies on it).
  if (params.denoisingStrength === 0) return { latent: latent.data, interrupted: false, latentShape: shape };

  const resolved = resolveSamplerAndScheduler(hiresSampler(params), hiresScheduler(params), { convertAutomatic: false })!;
  const steps = params.hrSecondPassSteps || params.steps;
  const conditioning = await hiresConditioning(p, batch, resolved.sampler.name, steps);
  const noise = new ImageRNG({
    shape,
    seeds: batch.seeds,
    subseeds: batch.subseeds,
    subseedStrength: params.subseedStrength,
    seedResizeFromW: params.seedResizeFromW,
    seedResizeFromH: params.seedResizeFromH,
    source: options.randn_source,
    etaNoiseSeedDelta: options.eta_noise_seed_delta,
  });
  const result = await runSamplingPass({
    p,
    sampler: resolved.sampler.name,
    scheduler: resolved.scheduler.label,
    steps,
    conditioning: { ...conditioning, images: batch.indices },
    emptyChunk: batch.emptyChunk,
    latentShape: shape,
    noise,
    brownian: (sigmaMin, sigmaMax) => createBrownianNoise(batch.seeds, shape, sigmaMin, sigmaMax),
    img2img: { initLatent: latent.data, denoisingStrength: params.denoisingStrength, fixSteps: true },
    imageCond,
  });
  return { ...result, latentShape: shape };
}

/** The hires prompts' conditioning over the hires pass's prompt-editing timeline. */
async function hiresConditioning(p: Processing, batch: BatchContext, sampler: string, steps: number) {
  const { params, options } = p;
  const settings = encoderSettingsOf(options, p.embeddings);
  const timeline = { steps: promptScheduleSteps(sampler, steps), useOldScheduling: options.use_old_scheduling };
  const prompts = batch.indices.map((i) => p.conditioningPrompt(params.hrPrompt ? p.styledPrompt(params.hrPrompt) : p.allPrompts[i]));
  const negatives = batch.indices.map((i) => (params.hrNegativePrompt ? p.styledPrompt(params.hrNegativePrompt, "negativePrompt") : p.allNegativePrompts[i]));
  const encoder = new PromptEncoder(p.model, settings);
  const key = (texts: string[]) => JSON.stringify([texts, timeline, settings]);
  const cond = await cachedConditioning(p.model.textEncoder, "hr-cond", key(prompts), () => encoder.multicondLearnedConditioning(prompts, timeline));
  const uncond = await cachedConditioning(p.model.textEncoder, "hr-uncond", key(negatives), () => encoder.learnedConditioning(negatives, timeline));
  return { cond, uncond };
}
