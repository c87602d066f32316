// The typed script API (docs/a1111/scripts.md, docs/a1111/scripts.md#hooks-scoped-to-one-job): a script declares where it shows,
// whether it is always on or selectable, its parameters as data (so the UI can render them and the
// HTTP API can bind `script_args` by position or name), and the hooks it takes part in. Every hook
// is scoped to one job by `withScripts` (job-hooks.ts); nothing is patched globally.
import type { InfotextValue } from "@/lib/infotext/values";
import type { RgbImage } from "@/lib/images/tensor-image";
import type { UnetFn } from "@/lib/pipeline/unet-call";
import type { JobProgress } from "@/lib/queue/job-progress";
import type { GenerationResult } from "@/lib/queue/progress-report";
import type { Options } from "@/lib/settings/options";
import type { Tensor } from "@/lib/tensor";

export type ScriptTab = "txt2img" | "img2img";
export type ScriptKind = "alwaysOn" | "selectable";

// ---------------------------------------------------------------------------------------------
// Parameters

interface ParamBase<N extends string> {
  name: N;
  label?: string;
  /** UI grouping (an accordion or row title); no effect on binding. */
  group?: string;
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
export interface ChoiceParam<N extends string = string, C extends string = string> extends ParamBase<N> {
  type: "choice";
  choices: readonly C[];
  default: C;
}
/** An image (PNG bytes or a data URL as the API sends it); null when none is given. */
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
  maxCount?: number;
  /** How many units the defaults have. */
  defaultCount: number;
}

export type ScalarParam = NumberParam | BoolParam | StringParam | ChoiceParam | ImageParam;
export type ParamSpec = ScalarParam | RepeatParam;

type ScalarValue<S> = S extends NumberParam
  ? number
  : S extends BoolParam
    ? boolean
    : S extends StringParam
      ? string
      : S extends ChoiceParam<string, infer C>
        ? C
        : S extends ImageParam
          ? Buffer | string | null
          : never;
type ParamValue<S> = S extends RepeatParam<string, infer P> ? Array<ParamValues<P>> : ScalarValue<S>;

/** The bound argument object of a parameter list: `{ [name]: value }`. */
export type ParamValues<P extends readonly ParamSpec[]> = { [S in P[number] as S["name"]]: ParamValue<S> };

// ---------------------------------------------------------------------------------------------
// Services and the job context

export interface UpscalerInfo {
  name: string;
  scale: number;
}

/** The upscaler registry (lib/upscalers), as scripts see it. */
export interface UpscalerService {
  list(): UpscalerInfo[];
  /** A1111's Upscaler.upscale: destination floor(w·s/8)·8 × floor(h·s/8)·8 (docs/upscalers.md#output-size). */
  upscale(image: RgbImage, scale: number, name: string): Promise<RgbImage>;
}

export interface SavedImage {
  /** Relative to the outputs folder. */
  relativePath: string;
}

export interface SaveImageOptions {
  /** File basename before the sequence number ("xyz_grid"); default the job's usual naming. */
  basename?: string;
  /** Saved into the grids folder. */
  grid?: boolean;
  seed?: number;
  prompt?: string;
}

export interface ChildJobOptions {
  /** Which always-on scripts of the parent also run in the child; default all of them. */
  alwaysOnFilter?: (scriptId: string) => boolean;
}

/** A re-entrant job of the same server (USDU's tiles, ADetailer's inpaints), sharing progress and interrupt. */
export type RunChild = (kind: ScriptTab, params: Record<string, unknown>, options?: ChildJobOptions) => Promise<GenerationResult>;

export interface ScriptServices {
  progress: JobProgress;
  settings: Readonly<Options>;
  upscalers: UpscalerService;
  /** Saves a PNG with its infotext (`parameters` chunk) and records it in the history. */
  saveImage(png: Buffer, infotext: string, options?: SaveImageOptions): Promise<SavedImage>;
  runChild: RunChild;
}

/** The job a hook sees: the processing object is structurally `HookableJob` (see job-hooks.ts). */
export interface JobContext<A = Record<string, unknown>, J = unknown> {
  readonly kind: ScriptTab;
  /** The job (A1111's `p`): params, options, infotext maps. Mutable in `process`. */
  readonly job: J;
  /** This script's bound arguments. */
  readonly args: A;
  readonly services: ScriptServices;
  /** Adds an infotext field (A1111's `p.extra_generation_params[key] = value`). */
  setInfotext(key: string, value: InfotextValue): void;
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

export interface PostprocessImageInput {
  /** Index into the job's per-image lists (seeds, prompts). */
  index: number;
  image: RgbImage;
}

type Awaitable<T> = T | Promise<T>;

export interface ScriptHooks<A = Record<string, unknown>, J = unknown> {
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
  wrapVaeEncode?(inner: VaeFn, ctx: JobContext<A, J>): VaeFn;
  wrapVaeDecode?(inner: VaeFn, ctx: JobContext<A, J>): VaeFn;
  /** Replace a finished image (after decode, before saving); undefined keeps it. */
  postprocessImage?(ctx: JobContext<A, J>, input: PostprocessImageInput): Awaitable<RgbImage | undefined>;
  /** Once at the end with the job's result. */
  postprocess?(ctx: JobContext<A, J>, result: GenerationResult): Awaitable<void>;
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
}

export interface Script<P extends readonly ParamSpec[] = readonly ParamSpec[]> extends ScriptDefinition<P> {
  id: string;
}

/** Declares a script; `hooks` get `ctx.args` typed from `params`. Checks the declaration itself. */
export function defineScript<const P extends readonly ParamSpec[]>(definition: ScriptDefinition<P>): Script<P> {
  const id = definition.id ?? definition.title.toLowerCase();
  if (!definition.title.trim()) throw new Error("a script needs a title");
  if (definition.kind === "alwaysOn" && definition.hooks.run) throw new Error(`${definition.title}: only selectable scripts have a run hook`);
  if (definition.kind === "selectable" && !definition.hooks.run) throw new Error(`${definition.title}: a selectable script needs a run hook`);
  const names = new Set<string>();
  definition.params.forEach((param, i) => {
    if (names.has(param.name)) throw new Error(`${definition.title}: duplicate parameter "${param.name}"`);
    names.add(param.name);
    if (param.type === "repeat" && i !== definition.params.length - 1) throw new Error(`${definition.title}: repeated group "${param.name}" must be the last parameter`);
    if (param.type === "choice" && !param.choices.includes(param.default)) throw new Error(`${definition.title}: default of "${param.name}" is not one of its choices`);
  });
  return { ...definition, id };
}

/** Any script, whatever its parameter list (what registries and loaders hold); args arrive bound. */
export interface AnyScript extends Omit<Script, "hooks"> {
  // `any`: each script's hooks accept the argument object bindScriptArgs produced for that script.
  hooks: ScriptHooks<any>;
}
