// What a script reaches through `ctx.services` (docs/extensions.md#services): everything that holds
// state — the loaded model and its graphs, the inference worker, the prompt encoder and its cache, the
// settings, the history, the job's progress, child jobs — so that extensions never import a stateful
// module themselves. Pure helpers (image and mask operations, tensor math, ONNX graph reading and
// rewriting, prompt parsing) are values of the SDK instead (lib/sdk).
import type { DetectorInfo } from "@/lib/detection/registry";
import type { DetectOptions, Detection } from "@/lib/detection/types";
import type { GrayImage } from "@/lib/images/pixel-image";
import type { RgbImage } from "@/lib/images/tensor-image";
import type { GraphRequirements } from "@/lib/models/graph-contract";
import type { SchedulerConfig } from "@/lib/models/model-folder";
import type { ModelGraph } from "@/lib/models/stable-diffusion";
import type { Feed, OutputTensor, ResidentTensor, ValueInfo } from "@/lib/models/onnx-session";
import type { ModelProto } from "@/lib/onnx/proto";
import type { ComposablePart, ScheduledConditioning, TextConditioning } from "@/lib/pipeline/conditioning-schedule";
import type { GenerationParams } from "@/lib/pipeline/params";
import type { UnetFn } from "@/lib/pipeline/unet-call";
import type { GenerationResult } from "@/lib/queue/progress-report";
import type { ScriptTab } from "@/lib/scripts/script-tab";
import type { Options } from "@/lib/settings/options";
import type { UpscalerInfo } from "@/lib/upscalers/registry";

// ---------------------------------------------------------------------------------------------
// Progress

/** A run of labelled sub-steps ("Tile 3/16"): each is one unit of the job's progress and ETA. */
export interface SubSteps {
  /** Starts the next sub-step (the first call starts step 1); the previous one counts as done. */
  next(): void;
  /** Marks the last started sub-step done (also when the run stops early). */
  done(): void;
}

export interface ProgressService {
  /** Interrupt was pressed: stop as soon as possible and keep what is done. */
  readonly interrupted: boolean;
  /** Skip was pressed: stop the current batch. */
  readonly skipped: boolean;
  /** interrupted || skipped. */
  readonly shouldStop: boolean;
  /** A1111's "stop after the current generation" (`state.stopping_generation`). */
  readonly stoppingGeneration: boolean;
  /** The text beside the progress bar (A1111's `state.job`); `subSteps` sets it for you. */
  job: string;
  /**
   * Announces `count` labelled sub-steps (tiles, detections) and adds them to the job's total, so progress
   * and ETA count them: `next()` shows "<label> i/count". Child jobs started during a sub-step run within it.
   * Inside another script's sub-step (ADetailer in an Ultimate SD Upscale tile) only the label changes.
   */
  subSteps(count: number, label: string): SubSteps;
  /** A selectable script announces how many batches its child jobs make in all (the X/Y/Z plot's cells). */
  reserveJobs(count: number): void;
  /** Shows `image` as the live preview (ADetailer's detection preview). */
  setPreview(image: RgbImage): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Models, graphs and the inference worker

/** One ONNX session in the inference worker, as opened for a script (the shape of `OnnxSession`). */
export interface OnnxModel {
  readonly file: string;
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  input(name: string): ValueInfo | undefined;
  output(name: string): ValueInfo | undefined;
  /**
   * Runs the graph; float inputs are converted to the declared float type, ids to the declared int type. A feed
   * may be a ResidentTensor an earlier run kept (SDK 1.8).
   */
  run(feeds: Record<string, Feed | ResidentTensor>): Promise<Record<string, OutputTensor>>;
  /**
   * A run whose outputs named in `keep` stay in the inference worker as ResidentTensors (SDK 1.8,
   * docs/extensions.md#resident-tensors): for a tensor that only goes on to another run, whose trip through the
   * process boundary would cost more than the graph. The others come back as data.
   */
  runKeeping(feeds: Record<string, Feed | ResidentTensor>, keep: readonly string[]): Promise<{ outputs: Record<string, OutputTensor>; kept: Record<string, ResidentTensor> }>;
  /** Frees kept tensors (any session's): the script frees what it kept, also when it fails or is interrupted. */
  free(tensors: readonly ResidentTensor[]): Promise<void>;
  /**
   * Hands the session's memory arena back (SDK 1.8): onnxruntime keeps each session's arena at its largest run, so
   * many sessions run in turn would each hold one. The next run opens the session again (milliseconds for a
   * small graph); tensors it kept stay valid.
   */
  unload(): Promise<void>;
}

export interface OnnxService {
  /**
   * Opens any ONNX file (a detector, a segmentation model) in the inference worker, checked against
   * `required`; opened once per file and kept for later jobs. Feeds are checked against the graph's
   * declared ranks and fixed dimensions before they are sent.
   */
  open(file: string, required?: GraphRequirements): Promise<OnnxModel>;
}

export interface DerivedGraphOptions {
  /** Compute the copy's attentions in query chunks under the job's chunking (SDK 1.7). */
  chunkedAttention?: boolean;
}

export interface ModelService {
  /** The checkpoint's folder name and short hash (infotext "Model" / "Model hash"). */
  readonly name: string;
  readonly hash: string;
  /** The ONNX files of the loaded model; vaeEncoder is null in txt2img-only exports. */
  readonly files: Readonly<Record<Exclude<ModelGraph, "vaeEncoder">, string>> & { readonly vaeEncoder: string | null; readonly dir: string };
  /** Latents are the VAE's output times this (0.18215 for SD 1.x). */
  readonly vaeScalingFactor: number;
  /** 9 for inpainting UNets (latent + mask + masked-image latent), else 4. */
  readonly unetInChannels: number;
  /** The noise schedule (`discreteScheduleFromConfig` of the SDK turns it into σ ↔ t). */
  readonly scheduler: SchedulerConfig;
  /**
   * The plain UNet, outside every script's `wrapUnet`: ε (or v) for any latent crop [N, C, h, w] (h, w not
   * multiples of 8 are padded and cropped back) with any conditioning [N, 77·k, dim] and per-entry timesteps.
   */
  readonly unet: UnetFn;
  /**
   * A rewritten copy of one of the model's graphs (frozen-GroupNorm VAE halves, …) opened in the inference
   * worker: `rewrite` runs once per source file and variant, the copy is cached on disk like the clip-skip
   * and tiling copies, and the session lives as long as the loaded model. Variants are per script. With
   * `{ chunkedAttention: true }` (SDK 1.7) Onyx then computes the copy's attentions in query chunks, as the job's
   * own UNet and VAE (docs/memory.md#chunked-attention): it feeds the job's chunking on every run and the session
   * shows neither that input nor the rewrite's profile outputs.
   */
  openDerived(part: ModelGraph, variant: string, rewrite: (model: ModelProto) => ModelProto, required?: GraphRequirements, options?: DerivedGraphOptions): Promise<OnnxModel>;
  /**
   * Bytes of one attention's scores and softmax over [L = batch × heads, N queries, M keys] under this job's
   * chunking (SDK 1.7), as admission counts them for the job's own graphs: whole up to the chunking limit, one
   * chunk of query rows above it.
   */
  attentionScoreBytes(l: number, n: number, m: number): number;
}

// ---------------------------------------------------------------------------------------------
// Prompts

export interface EncodeOptions {
  /** Prompt-schedule length (model calls of the pass); default this job's, as its first pass uses. */
  steps?: number;
}

/** Extra prompts through the job's own conditioning path: attention, AND, BREAK, schedules, clip skip, emphasis. */
export interface PromptService {
  /** Positive prompts: per prompt its AND parts, each a schedule of encoded texts (cached per model). */
  cond(prompts: readonly string[], options?: EncodeOptions): Promise<ComposablePart[][]>;
  /** Negative prompts: per prompt its schedule. */
  uncond(prompts: readonly string[], options?: EncodeOptions): Promise<ScheduledConditioning[][]>;
  /** The empty prompt's 77 tokens: the padding when conditionings of different lengths share one UNet call. */
  emptyChunk(): Promise<TextConditioning>;
}

// ---------------------------------------------------------------------------------------------
// Upscalers, saving, child jobs

/** The upscaler registry (lib/upscalers), as scripts see it. */
export interface UpscalerService {
  /** None, Lanczos, Nearest, the ESRGAN-family models, then the learned ones (RRDN ×4 …), as /sdapi/v1/upscalers lists them. */
  list(): Array<Pick<UpscalerInfo, "name" | "scale">>;
  /**
   * A1111's Upscaler.upscale: destination floor(w·s/8)·8 × floor(h·s/8)·8 (docs/upscalers.md#output-size). A standard
   * name that is not installed ("R-ESRGAN 4x+") runs its stand-in (docs/upscalers.md#standard-names) with a job warning.
   */
  upscale(image: RgbImage, scale: number, name: string): Promise<RgbImage>;
}

// ---------------------------------------------------------------------------------------------
// Detection

/** The detection library (lib/detection, docs/detection.md), as scripts see it. */
export interface DetectionService {
  /** mediapipe_face_full, mediapipe_face_short, person_centernet (when converted), then <models>/adetailer/*.onnx. */
  list(): DetectorInfo[];
  /** Boxes (and masks) in `image`'s pixels, best first; `confidence` replaces the detector's default minimum score. */
  detect(name: string, image: RgbImage, options?: DetectOptions): Promise<Detection[]>;
}

export interface SavedImage {
  /** Relative to the outputs folder. */
  relativePath: string;
}

export interface SaveImageOptions {
  /** Which image of the job the file belongs to: its seed names the file and its fields fill the history row (default 0). */
  index?: number;
  /** Appended to the file name, A1111's `suffix` ("-ad-before"). */
  suffix?: string;
  /** Grids: the file basename ("xyz_grid") in the grids folder. */
  basename?: string;
  grid?: boolean;
  /** Overrides the seed of the file name and row. */
  seed?: number;
  /** Overrides the prompt of the history row. */
  prompt?: string;
}

export interface ResultImageOptions extends SaveImageOptions {
  /** Save the picture (default false: shown only). */
  save?: boolean;
}

export interface ChildJobOptions {
  /** Which always-on scripts of the parent also run in the child (by script id); default all of them. */
  alwaysOnFilter?: (scriptId: string) => boolean;
}

/** A re-entrant job of the same server (USDU's tiles, ADetailer's inpaints), sharing progress and interrupt. */
export type RunChild = (kind: ScriptTab, params: Record<string, unknown>, options?: ChildJobOptions) => Promise<GenerationResult>;

/**
 * An "Inpaint area: Only masked" img2img child job (docs/a1111/generation.md#only-masked): the crop around the
 * blurred mask grown by `padding` and to the processing aspect ratio, rendered at width × height, pasted back;
 * every pixel where the blurred mask is 0 comes back unchanged. Unset fields take the parent job's values.
 */
export interface InpaintRequest {
  /** The whole picture. */
  image: RgbImage;
  /** White (255) = repaint; the picture's size. */
  mask: GrayImage;
  /** Processing size; default the parent's width × height. */
  width?: number;
  height?: number;
  /** Only-masked padding in pixels (default 32). */
  padding?: number;
  /** Mask blur radius (default 4). */
  maskBlur?: number;
  /** Default the parent's denoising strength (0.75 for txt2img parents, A1111's img2img default). */
  denoisingStrength?: number;
  /** Masked content: 0 fill, 1 original (default), 2 latent noise, 3 latent nothing. */
  inpaintingFill?: 0 | 1 | 2 | 3;
  /** false = "Whole picture" instead of only masked. */
  onlyMasked?: boolean;
  /** Any generation parameter of the child (prompt, seed, steps, sampler, CFG, overrideSettings, …). */
  params?: Partial<GenerationParams>;
  /** Which of the parent's always-on scripts also run in the child; default all of them. */
  alwaysOnFilter?: ChildJobOptions["alwaysOnFilter"];
}

/** What `inpaintPixels` returns (SDK 1.6). */
export interface InpaintPixels {
  /** The whole picture with the masked region redrawn. */
  image: RgbImage;
  /** The child job's infotext. */
  infotext: string;
  /** The child job's `info` (A1111's info JSON: seeds, prompts, infotexts, …). */
  info: Record<string, unknown>;
}

export interface InpaintResult extends InpaintPixels {
  /** The child job's result, its picture encoded as PNG. */
  result: GenerationResult;
}

// ---------------------------------------------------------------------------------------------

export interface ScriptPaths {
  /** The models folder (`Stable-diffusion/`, `ESRGAN/`, and any folder an extension keeps its models in). */
  models: string;
  /** The outputs folder saved images go to. */
  outputs: string;
}

export interface ScriptServices {
  progress: ProgressService;
  /** The settings in force for this job. */
  settings: Readonly<Options>;
  paths: ScriptPaths;
  model: ModelService;
  prompts: PromptService;
  onnx: OnnxService;
  upscalers: UpscalerService;
  detection: DetectionService;
  /** The infotext image `index` of this job gets when it is written now (with every field added so far). */
  infotext(index: number): string;
  /**
   * Saves an extra image (ADetailer's before-image, USDU's upscale) as a PNG with `infotext` in its
   * `parameters` chunk, in this job's output folder, and records it in the history; null when the file
   * could not be written (the job's warnings say why; show the image from its bytes instead).
   */
  saveImage(image: RgbImage | Buffer, infotext: string, options?: SaveImageOptions): Promise<SavedImage | null>;
  /**
   * A picture a selectable script assembled itself, as an entry of the `images` its `run` returns (SDK 1.4):
   * saved through `saveImage` when `options.save` is set (shown inline when not, or when saving fails), with
   * `infotext` in its PNG when the settings write PNG info.
   */
  resultImage(image: RgbImage, infotext: string, options?: ResultImageOptions): Promise<GenerationResult["images"][number]>;
  runChild: RunChild;
  /** An only-masked inpaint child job on top of `runChild`. */
  inpaint(request: InpaintRequest): Promise<InpaintResult>;
  /**
   * The same child job without PNGs (SDK 1.6): the picture comes back as pixels, as it goes in, and nothing is
   * encoded unless the child saves. The child's result has no `images`, so the `postprocess` hooks of the always-on
   * scripts inside it see none (their `postprocessImage` hooks run as always).
   */
  inpaintPixels(request: InpaintRequest): Promise<InpaintPixels>;
}
