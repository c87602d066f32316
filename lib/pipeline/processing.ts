// One generation job's shared state (A1111's StableDiffusionProcessing): the validated request,
// the settings in force (with the job's overrides), the loaded checkpoint, the per-image prompts
// and seeds fixed once per job, and the infotext fields extensions and samplers add on the way.
import { availableMemory } from "@/lib/admission/available-memory";
import type { PromptStyle } from "@/lib/infotext/styles";
import type { InfotextValue } from "@/lib/infotext/values";
import { defaultCheckpoint, findCheckpoint, loadCheckpoint, type CheckpointInfo } from "@/lib/models/checkpoints";
import { attentionChunking, type GraphOptions } from "@/lib/models/graph-options";
import { resolveVae, vaeHash } from "@/lib/models/vaes";
import { activateLoras } from "@/lib/networks/activate-loras";
import { modelEmbeddings, type EmbeddingDatabase } from "@/lib/networks/embedding-database";
import { textualInversionHashes } from "@/lib/networks/embedding-hashes";
import { parseExtraNetworkTags } from "@/lib/networks/prompt-tags";
import type { StableDiffusionModel } from "@/lib/models/stable-diffusion";
import type { RgbImage } from "@/lib/images/tensor-image";
import type { GenerationParams } from "@/lib/pipeline/params";
import type { Img2imgJobInputs, ScriptJob } from "@/lib/scripts/script-job";
import type { JobProgress } from "@/lib/queue/job-progress";
import { jobSeeds } from "@/lib/rng/seeds";
import { resolveSamplerAndScheduler } from "@/lib/sampling/registry";
import { promptScheduleSteps } from "@/lib/sampling/sample";
import { applyStyles } from "@/lib/styles/apply-styles";
import { loadStyles } from "@/lib/styles/styles-file";
import { parseOption } from "@/lib/settings/cast";
import { isOptionKey, type Options } from "@/lib/settings/options";
import { loadOptions } from "@/lib/settings/store";
import { isLatentUpscaleMode } from "@/lib/upscalers/latent-upscale";
import { resolveUpscaler, substitutionWarning } from "@/lib/upscalers/standard-names";

export type ProcessingKind = "txt2img" | "img2img";

/** A finished picture of a job that hands its pictures over as pixels (`Processing.takePicture`). */
export interface JobPicture {
  index: number;
  image: RgbImage;
  infotext: string;
}

export class Processing {
  readonly allPrompts: string[];
  readonly allNegativePrompts: string[];
  readonly allSeeds: number[];
  readonly allSubseeds: number[];
  /** Infotext fields added during the run, in insertion order (A1111's extra_generation_params). */
  readonly extraGenerationParams = new Map<string, InfotextValue>();
  /** img2img and hires fix: the denoising strength in force (the info JSON's `denoising_strength`). */
  denoisingStrength: number | null = null;
  /** The job's whole request (img2img's init images and inpaint fields too): what scripts' child jobs start from. */
  request: ScriptJob["request"];
  /** Set when an inpainting UNet got mask + masked-image conditioning. */
  isUsingInpaintingConditioning = false;
  /** img2img jobs: the init images and inpaint settings, read when the mode starts (after the scripts' `process`). */
  img2img: Img2imgJobInputs | null = null;
  /** The VAE `sd_vae` chose (null: the checkpoint's own) and its short hash, for the infotext. */
  vae: { name: string; hash: string } | null = null;
  /** How the UNet and VAE graphs run (Tiling, attention chunking); fixed when the job starts. */
  readonly graph: GraphOptions;
  /** The textual-inversion embeddings the model can use, read when the job starts (docs/textual-inversion.md). */
  embeddings: EmbeddingDatabase | null = null;
  /**
   * Set for a child job run for its pixels (`inpaintPixels`, docs/extensions.md#inpaint): every finished picture
   * goes here instead of into a PNG, so the result's `images` stay empty; only a picture that is saved is encoded.
   */
  takePicture: ((picture: JobPicture) => void) | null = null;

  constructor(
    readonly kind: ProcessingKind,
    readonly params: GenerationParams,
    readonly options: Options,
    readonly model: StableDiffusionModel,
    readonly checkpoint: CheckpointInfo,
    readonly progress: JobProgress,
    /** styles.csv as it was when the job started. */
    readonly styles: readonly PromptStyle[] = [],
  ) {
    this.request = { ...params };
    const total = params.nIter * params.batchSize;
    const perImage = <T>(list: T[] | null, fallback: T) => Array.from({ length: total }, (_, i) => list?.[i] ?? fallback);
    // A1111's setup_prompts: the styles wrap each image's prompt once the per-image lists are fixed.
    this.allPrompts = perImage(params.allPrompts, params.prompt).map((x) => this.styledPrompt(x));
    this.allNegativePrompts = perImage(params.allNegativePrompts, params.negativePrompt).map((x) => this.styledPrompt(x, "negativePrompt"));
    const seeds = jobSeeds({ seed: params.seed, subseed: params.subseed, subseedStrength: params.subseedStrength, count: total });
    // Listed seeds are used as given (A1111 takes `int(s)` of each, without randomising -1).
    this.allSeeds = params.allSeeds ? perImage(params.allSeeds, seeds.seeds[0]) : seeds.seeds;
    this.allSubseeds = seeds.subseeds;
    for (const [key, value] of Object.entries(params.extraGenerationParams)) this.extraGenerationParams.set(key, value);
    this.graph = { tiling: options.tiling, attention: attentionChunking(options, availableMemory()) };
  }

  /** What the text encoder sees of a positive prompt: without its extra-network tags (A1111's parse_prompts). */
  conditioningPrompt(prompt: string): string {
    return parseExtraNetworkTags(prompt).prompt;
  }

  /** A prompt with the job's styles applied (the hires prompts get them too). */
  styledPrompt(prompt: string, field: "prompt" | "negativePrompt" = "prompt"): string {
    return applyStyles(prompt, this.params.styles, this.styles, field);
  }

  get imageCount(): number {
    return this.allSeeds.length;
  }

  /** Indices into the all* lists of batch `n`. */
  batchIndices(n: number): number[] {
    const size = this.params.batchSize;
    return Array.from({ length: size }, (_, i) => n * size + i);
  }

  /** Latent shape of one image [C, h, w]. */
  latentShape(width = this.params.width, height = this.params.height): [number, number, number] {
    return [4, Math.floor(height / 8), Math.floor(width / 8)];
  }
}

/** The stored settings with a job's `override_settings` applied (unknown keys ignored, bad values rejected). */
export function optionsWithOverrides(stored: Options, overrides: Record<string, unknown>): Options {
  const options = { ...stored };
  for (const [key, value] of Object.entries(overrides)) {
    if (!isOptionKey(key)) continue;
    (options as Record<string, unknown>)[key] = parseOption(key, value);
  }
  return options;
}

/** Settings, checkpoint and per-image lists for a job of `kind`. */
export async function createProcessing(kind: ProcessingKind, request: GenerationParams, progress: JobProgress): Promise<Processing> {
  // Combined legacy names ("DPM++ 2M Karras") split into sampler and schedule type, as A1111 does.
  const resolved = resolveSamplerAndScheduler(request.samplerName, request.scheduler, { convertAutomatic: false });
  if (!resolved) throw new Error(`unknown sampler "${request.samplerName}"`);
  // A standard upscaler name that is not installed runs as its stand-in, named as what ran.
  const hires = request.enableHr && request.hrUpscaler !== null && !isLatentUpscaleMode(request.hrUpscaler) ? resolveUpscaler(request.hrUpscaler) : undefined;
  const params = { ...request, samplerName: resolved.sampler.name, scheduler: resolved.scheduler.label, ...(hires ? { hrUpscaler: hires.upscaler.name } : {}) };
  const options = optionsWithOverrides(loadOptions(), params.overrideSettings);
  // A checkpoint that is not installed falls back to the current one, as A1111 does, and says so.
  const requested = options.sd_model_checkpoint || null;
  const { model, info } = await loadCheckpoint(defaultCheckpoint(requested ?? "").name);
  // The chosen VAE before anything asks the model about its VAE graphs (tiling below).
  const chosen = resolveVae(options.sd_vae, info.name);
  await model.useVae(chosen.vae);
  // A model whose graphs cannot pad circularly runs untiled, and says so (as with no face restorer).
  const untileable = options.tiling ? await model.tilingUnavailable() : null;
  if (untileable) options.tiling = false;
  const p = new Processing(kind, params, options, model, info, progress, params.styles.length > 0 ? loadStyles() : []);
  if (chosen.vae) p.vae = { name: chosen.vae.name, hash: vaeHash(chosen.vae) };
  if (chosen.warning) p.progress.warn(chosen.warning);
  // After the styles, which may bring tags of their own (A1111 parses the styled prompts).
  const loras = await activateLoras(model, p.allPrompts[0] ?? "");
  if (loras.hashes && options.lora_add_hashes_to_infotext) p.extraGenerationParams.set("Lora hashes", loras.hashes);
  loras.warnings.forEach((w) => p.progress.warn(w));
  // A1111 reloads the embeddings folder when a job starts; the hashes come after Lora's, as A1111 adds them later.
  p.embeddings = modelEmbeddings(model.folder, model.tokenizer);
  if (options.textual_inversion_add_hashes_to_infotext) {
    const first = p.batchIndices(0);
    const ti = textualInversionHashes(p.embeddings, model.tokenizer, { emphasis: options.emphasis, commaPaddingBacktrack: options.comma_padding_backtrack }, {
      negatives: first.map((i) => p.allNegativePrompts[i]),
      prompts: first.map((i) => p.conditioningPrompt(p.allPrompts[i])),
      steps: promptScheduleSteps(params.samplerName, params.steps),
      useOldScheduling: options.use_old_scheduling,
    });
    if (ti) p.extraGenerationParams.set("TI hashes", ti);
  }
  if (untileable) p.progress.warn(`tiling: ${info.title} cannot tile (${untileable}); the images are not tiled`);
  if (requested && !findCheckpoint(requested)) p.progress.warn(`checkpoint '${requested}' not found; ran on ${info.title}`);
  if (hires?.substitutedFor) p.progress.warn(substitutionWarning(hires));
  if (options.face_restoration) p.progress.warn(`face restoration: no face restoration model is installed (${options.face_restoration_model}); the images are not restored`);
  return p;
}
