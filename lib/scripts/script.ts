// The typed script API (docs/a1111/scripts.md, docs/a1111/scripts.md#hooks-scoped-to-one-job): a script declares where it shows,
// whether it is always on or selectable, its parameters as data (so the UI can render them and the
// HTTP API can bind `script_args` by position or name), and the hooks it takes part in. Every hook
// is scoped to one job by `withScripts` (job-hooks.ts); nothing is patched globally.
import type { InfotextValue } from "@/lib/infotext/values";
import type { CropBox, GrayImage } from "@/lib/images/pixel-image";
import type { RgbImage } from "@/lib/images/tensor-image";
import type { CallShape } from "@/lib/models/memory-profile";
import type { UnetFn } from "@/lib/pipeline/unet-call";
import type { GenerationResult } from "@/lib/queue/progress-report";
import type { ScriptJob } from "@/lib/scripts/script-job";
import type { ScriptServices } from "@/lib/scripts/script-services";
import type { ScriptKind, ScriptTab } from "@/lib/scripts/script-tab";
import type { Tensor } from "@/lib/tensor";

export type { ScriptKind, ScriptTab };

// ---------------------------------------------------------------------------------------------
// Parameters

/** A scalar parameter's value as the UI and the API hold it. */
export type ScalarDefault = number | boolean | string | null;

/**
 * Shows a parameter only while another parameter of the same list (or of the same repeated unit or
 * region) has one of the given values — A1111 scripts' `gr.update(visible=…)` on a choice or a checkbox.
 * Only the UI hides it: the argument is bound and passed either way.
 */
export interface VisibleWhen {
  param: string;
  is: ScalarDefault | readonly ScalarDefault[];
}

interface ParamBase<N extends string> {
  name: N;
  label?: string;
  /**
   * SDK 1.4: the infotext field this parameter's value is written under (A1111's `infotext_fields`): pasting an
   * infotext (Paste, PNG Info / History "Send to") sets the parameter from that field; inside a repeat group the
   * unit's ordinal suffix is appended ("ADetailer model 2nd"). docs/extensions.md#pasting-an-infotext.
   */
  infotext?: string;
  /** UI grouping (a titled row); no effect on binding. A group whose parameters are all hidden is hidden. */
  group?: string;
  visibleWhen?: VisibleWhen;
}

export interface NumberParam<N extends string = string> extends ParamBase<N> {
  type: "number" | "int";
  default: number;
  min?: number;
  max?: number;
  step?: number;
}
export interface BoolParam<N extends string = string> extends ParamBase<N> {
  type: "bool";
  default: boolean;
}
export interface StringParam<N extends string = string> extends ParamBase<N> {
  type: "string";
  default: string;
  multiline?: boolean;
}
/** Lists known only at run time, which a choice can offer after its own choices (SDK 1.4). */
export type ChoiceSource = "detectors" | "checkpoints" | "samplers" | "upscalers";

export interface ChoiceParam<N extends string = string, C extends string = string> extends ParamBase<N> {
  type: "choice";
  choices: readonly C[];
  default: C;
  /**
   * SDK 1.4: the dropdown lists `choices`, then the names of this source as the page is built (the installed
   * detectors, checkpoints, samplers). Since files come and go, the API accepts any string for it; the script
   * checks the name when it runs (docs/extensions.md#parameters). "upscalers" is the exception: the API takes an
   * installed upscaler's name or an index into `/sdapi/v1/upscalers` (as A1111's upscaler radios send it), binds
   * the name and refuses any other value.
   */
  choicesFrom?: ChoiceSource;
}
/** An image: the API and the UI send base64 or a data URL, hooks get its bytes (null when none is given). */
export interface ImageParam<N extends string = string> extends ParamBase<N> {
  type: "image";
  default: null;
}
/**
 * A repeated group (ADetailer's tabs): its value is a list of units, each an object of the inner
 * params. It must be the last parameter; positionally, every argument after the others is one unit
 * (an object by name or an array by position).
 */
export interface RepeatParam<N extends string = string, P extends readonly ScalarParam[] = readonly ScalarParam[]> extends ParamBase<N> {
  type: "repeat";
  params: P;
  minCount?: number;
  /** The most units a request may send. */
  maxCount?: number;
  /**
   * A setting whose number caps the units the UI offers (ADetailer's "Max tabs", `ad_max_models`), read when the
   * page is drawn; `maxCount` still bounds a request. The script applies the setting to requests itself.
   */
  maxCountSetting?: string;
  /** How many units the defaults have. */
  defaultCount: number;
}

/** A region's box on the canvas, in fractions of the image (x, y: top-left corner; w, h: size), each in 0…1. */
export interface RegionBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Tiled Diffusion's box for a region added without drawing. */
export const DEFAULT_REGION_BOX: RegionBox = { x: 0.4, y: 0.4, w: 0.2, h: 0.2 };

/**
 * Rectangles drawn on a canvas over the image (Tiled Diffusion's region control): its value is a list of
 * regions, each its box plus the inner params. Positionally it is one argument (a list of objects).
 */
export interface RegionsParam<N extends string = string, P extends readonly ScalarParam[] = readonly ScalarParam[]> extends ParamBase<N> {
  type: "regions";
  /** Each region's own fields besides its box (prompt, blend mode, seed, …). */
  params: P;
  maxCount?: number;
  /** The box a region gets when it is added without drawing (default 0.4, 0.4, 0.2, 0.2, as Tiled Diffusion). */
  defaultBox?: RegionBox;
}

export type ScalarParam = NumberParam | BoolParam | StringParam | ChoiceParam | ImageParam;
export type ParamSpec = ScalarParam | RepeatParam | RegionsParam;

type ScalarValue<S> = S extends NumberParam
  ? number
  : S extends BoolParam
    ? boolean
    : S extends StringParam
      ? string
      : S extends ChoiceParam<string, infer C>
        ? C
        : S extends ImageParam
          ? Buffer | null
          : never;
type ParamValue<S> = S extends RepeatParam<string, infer P>
  ? Array<ParamValues<P>>
  : S extends RegionsParam<string, infer P>
    ? Array<RegionBox & ParamValues<P>>
    : ScalarValue<S>;

/** The bound argument object of a parameter list: `{ [name]: value }`. */
export type ParamValues<P extends readonly ParamSpec[]> = { [S in P[number] as S["name"]]: ParamValue<S> };

// ---------------------------------------------------------------------------------------------
// The job context

/** What every hook receives: the job, this script's arguments, the services, a per-job scratch map. */
export interface JobContext<A = Record<string, unknown>, J = ScriptJob> {
  readonly kind: ScriptTab;
  /** The job (A1111's `p`): params, options, infotext maps. Mutable in `process`. */
  readonly job: J;
  /** This script's bound arguments. */
  readonly args: A;
  readonly services: ScriptServices;
  /** Adds an infotext field (A1111's `p.extra_generation_params[key] = value`). */
  setInfotext(key: string, value: InfotextValue): void;
  /** Reports what the script could not do as asked in the job's `info.warnings` (once per message); the job goes on. */
  warn(message: string): void;
  /** Per-job, per-script scratch space (e.g. a call counter); dropped when the job ends. */
  readonly state: Map<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Hooks

export type VaeFn = (x: Tensor) => Promise<Tensor>;

export interface SamplerChoice {
  sampler: string;
  scheduler: string;
}

export interface InitialNoiseInfo {
  seeds: readonly number[];
  /** Per-image latent shape [C, h, w]. */
  shape: readonly number[];
}

export interface Img2imgStart {
  initLatent: Tensor;
  noise: Tensor;
  sigmas: readonly number[];
}

/** Inpainting's latent blend (A1111's MaskBlendArgs), every sampling step and once after sampling. */
export interface MaskBlendArgs {
  /** [B, C, h, w]: the denoised prediction (k-diffusion), the sampler's input (timestep samplers) or the sampled latent (final blend). */
  current: Tensor;
  /** The init latent the unmasked region keeps, same shape. */
  init: Tensor;
  /** Repaint weight per latent pixel [h, w], shared by the batch (1 = repaint; fractional unless the mask is rounded). */
  nmask: Float32Array;
  /** current·nmask + init·(1 − nmask): the latent unless a script returns another. */
  blended: Tensor;
  /** σ for k-diffusion samplers, the timestep for timestep samplers (A1111 hands either over as `sigma`); null in the final blend. */
  sigma: number | null;
}

export interface MaskOverlayInput {
  /** Index into the job's per-image lists. */
  index: number;
  /** What the original is composited back through, at the original's size (255 = keep the generated pixel). */
  mask: GrayImage;
  /** Only masked: where the processed picture goes in the original; null for the whole picture. */
  box: CropBox | null;
}

export interface PostprocessImageInput {
  /** Index into the job's per-image lists (seeds, prompts). */
  index: number;
  image: RgbImage;
}

/**
 * The model calls a job will make, by size, from which admission (lib/admission) estimates its peak
 * memory before it starts. A `CallShape` is { batch, pixels: latent pixels (h·w) per entry, context:
 * prompt tokens }; the UNet's batch counts the cond and uncond entries.
 */
export interface MemoryPlan {
  unet: CallShape[];
  vaeDecode: CallShape[];
  vaeEncode: CallShape[];
  /** Bytes held besides the model calls: the job's images, a script's own buffers. */
  extraBytes: number;
}

type Awaitable<T> = T | Promise<T>;

export interface ScriptHooks<A = Record<string, unknown>, J = ScriptJob> {
  /** Before model work: change params, size, init images; add infotext fields. */
  process?(ctx: JobContext<A, J>): Awaitable<void>;
  /** Selectable scripts: drive the pipeline (via `services.runChild`) and return the result. */
  run?(ctx: JobContext<A, J>): Promise<GenerationResult>;
  /** Wrap every UNet evaluation of the job (the whole CFG batch; may call `inner` many times). */
  wrapUnet?(inner: UnetFn, ctx: JobContext<A, J>): UnetFn;
  /** Force a sampler / schedule for the job's sampling passes; undefined keeps the current one. */
  samplerOverride?(ctx: JobContext<A, J>, current: SamplerChoice): SamplerChoice | undefined;
  /** Replace the initial noise [B, C, h, w] before sampling starts. */
  initialNoise?(ctx: JobContext<A, J>, noise: Tensor, info: InitialNoiseInfo): Awaitable<Tensor>;
  /** img2img / hires: change the start latent, noise and σ schedule (noise inversion). */
  img2imgStart?(ctx: JobContext<A, J>, start: Img2imgStart): Awaitable<Img2imgStart>;
  /** Inpainting: replace the latent blend with the init latent (A1111's on_mask_blend); undefined keeps `args.blended`. */
  maskBlend?(ctx: JobContext<A, J>, args: MaskBlendArgs): Awaitable<Tensor | undefined>;
  /** Inpainting: replace the mask the original is composited back through (A1111's postprocess_maskoverlay); undefined keeps it. */
  maskOverlay?(ctx: JobContext<A, J>, input: MaskOverlayInput): Awaitable<GrayImage | undefined>;
  wrapVaeEncode?(inner: VaeFn, ctx: JobContext<A, J>): VaeFn;
  wrapVaeDecode?(inner: VaeFn, ctx: JobContext<A, J>): VaeFn;
  /** Replace a finished image (after decode, before saving); undefined keeps it. */
  postprocessImage?(ctx: JobContext<A, J>, input: PostprocessImageInput): Awaitable<RgbImage | undefined>;
  /** Once at the end with the job's result. */
  postprocess?(ctx: JobContext<A, J>, result: GenerationResult): Awaitable<void>;
  /**
   * Before the job runs (after `process`): the calls it will make with this script's arguments, for
   * the memory estimate — a script that runs the UNet or VAE in tiles returns the plan with its tile
   * calls instead of the whole-picture ones. Undefined keeps the plan.
   */
  memoryPlan?(ctx: JobContext<A, J>, plan: MemoryPlan): MemoryPlan | undefined;
  /**
   * Called when everything but the whole-picture VAE decode would fit in memory: a script that can
   * decode in tiles turns that on for this job (its `wrapVaeDecode` then tiles) and returns the plan
   * with its tile calls; undefined when it cannot help.
   */
  fitVaeDecode?(ctx: JobContext<A, J>, plan: MemoryPlan): MemoryPlan | undefined;
}

export interface ScriptDefinition<P extends readonly ParamSpec[] = readonly ParamSpec[]> {
  /** Stable identifier (API name); defaults to the lower-cased title, as A1111 names scripts. */
  id?: string;
  title: string;
  tabs: readonly ScriptTab[];
  kind: ScriptKind;
  params: P;
  hooks: ScriptHooks<ParamValues<P>>;
  /**
   * Maps `script_args` given by position in A1111's own layout (API clients written for A1111) to
   * arguments by name, when that layout differs from `params` (the X/Y/Z plot's axis indices).
   */
  apiArgs?(args: readonly unknown[], tab: ScriptTab): Record<string, unknown>;
  /**
   * Pasting an infotext into the tab (↙️, PNG Info's "Send to"): the arguments by name that its fields (as
   * `parseGenerationParameters` reads them) give back, or undefined when it holds nothing of this script.
   * Names left out keep the form's values. Checked like API arguments; a paste that fails them changes
   * nothing of this script (A1111's `infotext_fields` / `paste_field_names`). SDK 1.4.
   */
  pasteInfotext?(fields: Readonly<Record<string, string>>, tab: ScriptTab): Record<string, unknown> | undefined;
}

export interface Script<P extends readonly ParamSpec[] = readonly ParamSpec[]> extends ScriptDefinition<P> {
  id: string;
}

/** What an `apiArgs` adapter returns: the arguments it read, without the positions the client left out (those take their defaults). */
export function givenApiArgs(named: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(named).filter(([, v]) => v !== undefined));
}

const REGION_BOX_KEYS = ["x", "y", "w", "h"];

/** The declaration rules of a parameter list (and, recursively, of repeated units and regions). */
function checkParams(title: string, params: readonly ParamSpec[], where: string): void {
  const fail = (message: string) => {
    throw new Error(`${title}: ${where}${message}`);
  };
  const names = new Set<string>();
  params.forEach((param, i) => {
    if (names.has(param.name)) fail(`duplicate parameter "${param.name}"`);
    names.add(param.name);
    if (param.type === "repeat" && i !== params.length - 1) fail(`repeated group "${param.name}" must be the last parameter`);
    if (param.type === "choice" && !param.choices.includes(param.default)) fail(`default of "${param.name}" is not one of its choices`);
    if (param.type === "repeat" || param.type === "regions") {
      const inner = `${where}${param.name}: `;
      if (param.type === "regions") {
        const clash = param.params.find((p) => REGION_BOX_KEYS.includes(p.name));
        if (clash) throw new Error(`${title}: ${inner}"${clash.name}" is a region's box coordinate, not a field name`);
      }
      checkParams(title, param.params, inner);
    }
  });
  for (const param of params) {
    const target = param.visibleWhen && params.find((p) => p.name === param.visibleWhen!.param);
    if (param.visibleWhen && (!target || target.type === "repeat" || target.type === "regions" || target === param)) {
      fail(`"${param.name}" is shown depending on "${param.visibleWhen.param}", which is not another scalar parameter of the same list`);
    }
  }
}

/** Declares a script; `hooks` get `ctx.args` typed from `params`. Checks the declaration itself. */
export function defineScript<const P extends readonly ParamSpec[]>(definition: ScriptDefinition<P>): Script<P> {
  const id = definition.id ?? definition.title.toLowerCase();
  if (!definition.title.trim()) throw new Error("a script needs a title");
  if (definition.kind === "alwaysOn" && definition.hooks.run) throw new Error(`${definition.title}: only selectable scripts have a run hook`);
  if (definition.kind === "selectable" && !definition.hooks.run) throw new Error(`${definition.title}: a selectable script needs a run hook`);
  checkParams(definition.title, definition.params, "");
  return { ...definition, id };
}

/** Any script, whatever its parameter list (what registries and loaders hold); args arrive bound. */
export interface AnyScript extends Omit<Script, "hooks"> {
  // `any`: each script's hooks accept the argument object bindScriptArgs produced for that script.
  hooks: ScriptHooks<any>;
}
