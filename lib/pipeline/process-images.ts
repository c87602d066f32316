// The job loop every generation mode shares (A1111's process_images): per batch, conditioning →
// noise → a mode-specific sampling function → VAE decode → PNG with infotext (or the pixels handed over, for a
// child job run for them) → saved and recorded; then the grid. Interrupted or skipped batches are shown but not
// saved unless the setting says so.
import { encoderSettingsOf, PromptEncoder } from "@/lib/pipeline/conditioning";
import { cachedConditioning } from "@/lib/pipeline/conditioning-cache";
import type { ComposablePart, ScheduledConditioning, TextConditioning } from "@/lib/pipeline/conditioning-schedule";
import { generationInfotext } from "@/lib/pipeline/infotext-fields";
import { jobVaeDecode } from "@/lib/pipeline/job-vae";
import type { Processing } from "@/lib/pipeline/processing";
import type { SamplingPassResult } from "@/lib/pipeline/sampling-pass";
import { encodeResultImage, imageUrl, saveResultGrid, saveResultImage } from "@/lib/pipeline/result-images";
import { gridRows } from "@/lib/images/grid";
import { tensorToRgb, type RgbImage } from "@/lib/images/tensor-image";
import type { GenerationResult } from "@/lib/queue/progress-report";
import { createBrownianNoise } from "@/lib/rng/brownian";
import { ImageRNG } from "@/lib/rng/image-rng";
import type { BrownianNoise, NoiseSource } from "@/lib/sampling/types";
import { jobHooks } from "@/lib/scripts/job-hooks";
import { promptScheduleSteps } from "@/lib/sampling/sample";
import { ONYX_VERSION } from "@/lib/version";

/** What a mode's sampling function gets for one batch. */
export interface BatchContext {
  n: number;
  indices: number[];
  seeds: number[];
  subseeds: number[];
  cond: ComposablePart[][];
  uncond: ScheduledConditioning[][];
  emptyChunk: TextConditioning;
  noise: NoiseSource;
  /** Brownian-tree noise for the SDE samplers, one path per image seed. */
  brownian: (sigmaMin: number, sigmaMax: number) => BrownianNoise;
}

/** A mode's sampling for one batch; `latentShape` when the result is not at the processing size (hires fix). */
export type SampleBatch = (p: Processing, batch: BatchContext) => Promise<SamplingPassResult & { latentShape?: [number, number, number] }>;

/**
 * A1111's `apply_overlay`: img2img's composite of each decoded image with its original (the overlay through
 * the mask, or the only-masked paste-back), before the scripts' `postprocessImage` hooks see it.
 */
export type ApplyOverlay = (rgb: RgbImage, indexInBatch: number, index: number) => Promise<RgbImage>;

/** The batch's noise with its first draw (the initial noise) passed through the scripts' `initialNoise` hooks. */
async function hookedInitialNoise(p: Processing, rng: NoiseSource, seeds: number[]): Promise<NoiseSource> {
  const shape = p.latentShape();
  const first = await jobHooks(p).initialNoise({ data: rng.next(), shape: [seeds.length, ...shape] }, { seeds, shape });
  let drawn = false;
  return {
    next() {
      if (drawn) return rng.next();
      drawn = true;
      return first.data;
    },
  };
}

export async function processImages(p: Processing, sampleBatch: SampleBatch, applyOverlay?: ApplyOverlay): Promise<GenerationResult> {
  const { params, options, progress } = p;
  const encoderSettings = encoderSettingsOf(options, p.embeddings);
  const encoder = new PromptEncoder(p.model, encoderSettings);
  const timeline = { steps: promptScheduleSteps(params.samplerName, params.steps), useOldScheduling: options.use_old_scheduling };
  const [emptyChunk] = await cachedConditioning(p.model.textEncoder, "empty", JSON.stringify(encoderSettings), () => encoder.encodeTogether([""]));
  const firstJob = progress.startJobs(params.nIter);

  const shown: GenerationResult["images"] = [];
  const saved: Array<{ png: Buffer; width: number; height: number }> = [];
  const infotexts: string[] = [];
  for (let n = 0; n < params.nIter; n++) {
    if (progress.interrupted) break;
    // Counted on from where the previous batch left it: scripts' sub-steps in between (ADetailer's faces) are units too.
    const jobNo = n === 0 ? firstJob : progress.jobNo;
    progress.beginBatch(jobNo, progress.jobCount > 1 ? `Batch ${jobNo + 1} out of ${progress.jobCount}` : "");
    const indices = p.batchIndices(n);
    const seeds = indices.map((i) => p.allSeeds[i]);
    const subseeds = indices.map((i) => p.allSubseeds[i]);
    const prompts = indices.map((i) => p.conditioningPrompt(p.allPrompts[i]));
    const negatives = indices.map((i) => p.allNegativePrompts[i]);
    const cacheKey = (texts: string[]) => JSON.stringify([texts, timeline, encoderSettings]);
    const cond = await cachedConditioning(p.model.textEncoder, "cond", cacheKey(prompts), () => encoder.multicondLearnedConditioning(prompts, timeline));
    const uncond = await cachedConditioning(p.model.textEncoder, "uncond", cacheKey(negatives), () => encoder.learnedConditioning(negatives, timeline));
    const rng = new ImageRNG({
      shape: p.latentShape(),
      seeds,
      subseeds,
      subseedStrength: params.subseedStrength,
      seedResizeFromW: params.seedResizeFromW,
      seedResizeFromH: params.seedResizeFromH,
      source: options.randn_source,
      etaNoiseSeedDelta: options.eta_noise_seed_delta,
    });
    const noise = await hookedInitialNoise(p, rng, seeds);
    const brownian = (sigmaMin: number, sigmaMax: number) => createBrownianNoise(seeds, p.latentShape(), sigmaMin, sigmaMax);
    const result = await sampleBatch(p, { n, indices, seeds, subseeds, cond, uncond, emptyChunk, noise, brownian });
    const [c, h, w] = result.latentShape ?? p.latentShape();
    const decoded = await jobVaeDecode(p)({ data: result.latent, shape: [indices.length, c, h, w] });
    progress.finishBatch(jobNo);
    const keep = !progress.shouldStop || options.save_incomplete_images;
    for (let b = 0; b < indices.length; b++) {
      const index = indices[b];
      const decodedRgb = tensorToRgb(decoded, b);
      const composed = applyOverlay ? await applyOverlay(decodedRgb, b, index) : decodedRgb;
      const rgb = await jobHooks(p).postprocessImage({ index, image: composed });
      const infotext = generationInfotext(p, index);
      infotexts.push(infotext);
      const save = keep && params.saveImages && options.samples_save;
      const encoded = () => encodeResultImage(rgb, options.enable_pnginfo ? infotext : null);
      if (p.takePicture) {
        // A child job run for its pixels makes a PNG only for a file (docs/extensions.md#inpaint).
        p.takePicture({ index, image: rgb, infotext });
        if (save) await saveResultImage(p, index, await encoded(), infotext);
        continue;
      }
      const png = await encoded();
      const savedPath = save ? await saveResultImage(p, index, png, infotext) : null;
      shown.push({ url: imageUrl(png, savedPath), width: rgb.width, height: rgb.height, infotext, savedPath, png });
      if (keep) saved.push({ png, width: rgb.width, height: rgb.height });
    }
  }

  const images = [...shown];
  let indexOfFirstImage = 0;
  const wantGrid = options.return_grid || (options.grid_save && params.saveImages);
  if (wantGrid && saved.length >= (options.grid_only_if_multiple ? 2 : 1)) {
    const rows = gridRows(saved.length, options.n_rows, params.batchSize);
    const infotext = generationInfotext(p, 0);
    const grid = await saveResultGrid(p, saved, rows, infotext, options.grid_save && params.saveImages);
    if (options.return_grid) {
      images.unshift({ ...grid, infotext });
      infotexts.unshift(infotext);
      indexOfFirstImage = 1;
    }
  }
  return { images, info: processingInfo(p, infotexts, indexOfFirstImage) };
}

/** A1111's `info` JSON of a finished job (docs/a1111/api.md#the-info-json). */
export function processingInfo(p: Processing, infotexts: string[], indexOfFirstImage: number): Record<string, unknown> {
  const { params } = p;
  return {
    prompt: params.prompt,
    all_prompts: p.allPrompts,
    negative_prompt: params.negativePrompt,
    all_negative_prompts: p.allNegativePrompts,
    seed: p.allSeeds[0],
    all_seeds: p.allSeeds,
    subseed: p.allSubseeds[0],
    all_subseeds: p.allSubseeds,
    subseed_strength: params.subseedStrength,
    width: params.width,
    height: params.height,
    sampler_name: params.samplerName,
    cfg_scale: params.cfgScale,
    steps: params.steps,
    batch_size: params.batchSize,
    restore_faces: p.options.face_restoration,
    face_restoration_model: p.options.face_restoration ? p.options.face_restoration_model : null,
    sd_model_name: p.checkpoint.name,
    sd_model_hash: p.checkpoint.hash,
    sd_vae_name: p.vae?.name ?? null,
    sd_vae_hash: p.vae?.hash ?? null,
    seed_resize_from_w: params.seedResizeFromW,
    seed_resize_from_h: params.seedResizeFromH,
    denoising_strength: p.denoisingStrength,
    extra_generation_params: Object.fromEntries(p.extraGenerationParams),
    index_of_first_image: indexOfFirstImage,
    infotexts,
    styles: params.styles,
    job_timestamp: p.progress.timestamp,
    clip_skip: p.options.CLIP_stop_at_last_layers,
    is_using_inpainting_conditioning: p.isUsingInpaintingConditioning,
    version: ONYX_VERSION,
  };
}
