// Installs the hooks of a job's scripts for exactly that job and unwinds them when it ends, also
// when it throws (docs/a1111/scripts.md#hooks-scoped-to-one-job: A1111 extensions patch globals and forget to undo them).
// Every hook kind, UNet wrappers included, sits in one hook table keyed by the job object, which the
// pipeline asks for at its hook points via `jobHooks(job)`; nothing is stored on the job itself.
//
// Order: always-on scripts in the order given (registration order), the selected script last.
// For wrappers that order is outside-in: the first script's wrapper sees each call first.
import type { InfotextValue } from "@/lib/infotext/values";
import type { GrayImage } from "@/lib/images/pixel-image";
import type { RgbImage } from "@/lib/images/tensor-image";
import type { UnetFn } from "@/lib/pipeline/unet-call";
import type { GenerationResult } from "@/lib/queue/progress-report";
import type { AnyScript, Img2imgStart, InitialNoiseInfo, JobContext, MaskBlendArgs, MaskOverlayInput, MemoryPlan, PostprocessImageInput, SamplerChoice, ScriptTab, VaeFn } from "@/lib/scripts/script";
import type { ScriptJob } from "@/lib/scripts/script-job";
import type { ScriptServices } from "@/lib/scripts/script-services";
import type { Tensor } from "@/lib/tensor";

/** What a job must offer to host scripts; `Processing` has this shape. */
export interface HookableJob {
  readonly kind: ScriptTab;
  readonly extraGenerationParams: Map<string, InfotextValue>;
  /** Where what the job could not do as asked goes, for its `info.warnings` (Processing's progress; test stand-ins may have none). */
  readonly progress?: { warn(message: string): void };
}

export interface ActiveScript {
  script: AnyScript;
  /** Bound arguments (bindScriptArgs). */
  args: Record<string, unknown>;
}

/** The hook points the pipeline calls; each runs the installed scripts' hooks in order. */
export interface JobHooks {
  /** Before model work (A1111's `process`). */
  process(): Promise<void>;
  /** The selected script's `run`, or null when none is selected (then the job runs normally). */
  readonly run: (() => Promise<GenerationResult>) | null;
  /** The UNet as the job's sampling passes call it: every script's wrapper around `inner`, the first script outermost. */
  wrapUnet(inner: UnetFn): UnetFn;
  samplerChoice(current: SamplerChoice): SamplerChoice;
  initialNoise(noise: Tensor, info: InitialNoiseInfo): Promise<Tensor>;
  img2imgStart(start: Img2imgStart): Promise<Img2imgStart>;
  /** The inpainting latent blend: `args.blended`, or what the scripts make of it (each sees the previous one's). */
  maskBlend(args: MaskBlendArgs): Promise<Tensor>;
  maskOverlay(input: MaskOverlayInput): Promise<GrayImage>;
  wrapVaeEncode(inner: VaeFn): VaeFn;
  wrapVaeDecode(inner: VaeFn): VaeFn;
  postprocessImage(input: PostprocessImageInput): Promise<RgbImage>;
  postprocess(result: GenerationResult): Promise<void>;
  /** The job's model calls as the scripts change them (tiles). */
  memoryPlan(plan: MemoryPlan): MemoryPlan;
  /** The first script that takes over the VAE decode to fit, with its plan; null when none can. */
  fitVaeDecode(plan: MemoryPlan): { script: string; plan: MemoryPlan } | null;
}

/** A lifecycle hook that throws is reported and the job goes on, as in A1111. */
export type HookErrorReporter = (error: unknown, where: string) => void;

const defaultReporter: HookErrorReporter = (error, where) => console.error(`script hook ${where} failed:`, error);

const installed = new WeakMap<HookableJob, JobHooks>();

/** The job's hook table: the installed one, or one that leaves everything unchanged. */
export function jobHooks(job: HookableJob): JobHooks {
  return installed.get(job) ?? NO_HOOKS;
}

const NO_HOOKS: JobHooks = {
  process: async () => {},
  run: null,
  wrapUnet: (inner) => inner,
  samplerChoice: (current) => current,
  initialNoise: async (noise) => noise,
  img2imgStart: async (start) => start,
  maskBlend: async ({ blended }) => blended,
  maskOverlay: async ({ mask }) => mask,
  wrapVaeEncode: (inner) => inner,
  wrapVaeDecode: (inner) => inner,
  postprocessImage: async ({ image }) => image,
  postprocess: async () => {},
  memoryPlan: (plan) => plan,
  fitVaeDecode: () => null,
};

/** Always-on scripts keep their order; a selectable one goes last; other selectables are dropped. */
export function orderScripts(scripts: readonly ActiveScript[], selectedId?: string): ActiveScript[] {
  const alwaysOn = scripts.filter((s) => s.script.kind === "alwaysOn");
  const selected = scripts.filter((s) => s.script.kind === "selectable" && s.script.id === selectedId);
  return [...alwaysOn, ...selected];
}

/**
 * Runs `body` with the scripts' hooks installed on `job` and removes them afterwards, whatever
 * happens. `scripts` should already be ordered (`orderScripts`); scripts not shown on the job's
 * tab are skipped.
 */
export async function withScripts<T>(
  job: HookableJob,
  scripts: readonly ActiveScript[],
  /** One services object for all, or one per script (services that keep per-script state, like derived graphs). */
  services: ScriptServices | ((script: AnyScript) => ScriptServices),
  body: (hooks: JobHooks) => Promise<T>,
  report: HookErrorReporter = defaultReporter,
): Promise<T> {
  if (installed.has(job)) throw new Error("scripts are already installed on this job; child jobs need their own job object");
  const active = scripts.filter((s) => s.script.tabs.includes(job.kind));
  const contexts = active.map(({ script, args }): { script: AnyScript; ctx: JobContext } => ({
    script,
    ctx: {
      kind: job.kind,
      // The pipeline's jobs are `Processing`, a ScriptJob; tests' stand-ins carry only what their hooks read.
      job: job as unknown as ScriptJob,
      args,
      services: typeof services === "function" ? services(script) : services,
      setInfotext: (key, value) => void job.extraGenerationParams.set(key, value),
      warn: (message) => job.progress?.warn(message),
      state: new Map(),
    },
  }));
  const withHook = <K extends keyof AnyScript["hooks"]>(key: K) => contexts.filter(({ script }) => script.hooks[key]);

  const lifecycle = async (key: "process" | "postprocess", call: (s: AnyScript, ctx: JobContext) => unknown) => {
    for (const { script, ctx } of withHook(key)) {
      try {
        await call(script, ctx);
      } catch (error) {
        report(error, `${script.title}.${key}`);
      }
    }
  };
  const selected = contexts.find(({ script }) => script.kind === "selectable" && script.hooks.run);

  const hooks: JobHooks = {
    process: () => lifecycle("process", (s, ctx) => s.hooks.process!(ctx)),
    run: selected ? () => selected.script.hooks.run!(selected.ctx) : null,
    wrapUnet: (inner) => withHook("wrapUnet").reduceRight((fn, { script, ctx }) => script.hooks.wrapUnet!(fn, ctx), inner),
    samplerChoice: (current) => withHook("samplerOverride").reduce((choice, { script, ctx }) => script.hooks.samplerOverride!(ctx, choice) ?? choice, current),
    initialNoise: async (noise, info) => {
      for (const { script, ctx } of withHook("initialNoise")) noise = await script.hooks.initialNoise!(ctx, noise, info);
      return noise;
    },
    img2imgStart: async (start) => {
      for (const { script, ctx } of withHook("img2imgStart")) start = await script.hooks.img2imgStart!(ctx, start);
      return start;
    },
    maskBlend: async (args) => {
      let blended = args.blended;
      for (const { script, ctx } of withHook("maskBlend")) blended = (await script.hooks.maskBlend!(ctx, { ...args, blended })) ?? blended;
      return blended;
    },
    maskOverlay: async (input) => {
      let mask = input.mask;
      for (const { script, ctx } of withHook("maskOverlay")) mask = (await script.hooks.maskOverlay!(ctx, { ...input, mask })) ?? mask;
      return mask;
    },
    wrapVaeEncode: (inner) => withHook("wrapVaeEncode").reduceRight((fn, { script, ctx }) => script.hooks.wrapVaeEncode!(fn, ctx), inner),
    wrapVaeDecode: (inner) => withHook("wrapVaeDecode").reduceRight((fn, { script, ctx }) => script.hooks.wrapVaeDecode!(fn, ctx), inner),
    postprocessImage: async ({ index, image }) => {
      for (const { script, ctx } of withHook("postprocessImage")) {
        try {
          image = (await script.hooks.postprocessImage!(ctx, { index, image })) ?? image;
        } catch (error) {
          report(error, `${script.title}.postprocessImage`);
        }
      }
      return image;
    },
    postprocess: (result) => lifecycle("postprocess", (s, ctx) => s.hooks.postprocess!(ctx, result)),
    memoryPlan: (plan) => withHook("memoryPlan").reduce((p, { script, ctx }) => script.hooks.memoryPlan!(ctx, p) ?? p, plan),
    fitVaeDecode: (plan) => {
      for (const { script, ctx } of withHook("fitVaeDecode")) {
        const fitted = script.hooks.fitVaeDecode!(ctx, plan);
        if (fitted) return { script: script.title, plan: fitted };
      }
      return null;
    },
  };

  installed.set(job, hooks);
  try {
    return await body(hooks);
  } finally {
    installed.delete(job);
    for (const { ctx } of contexts) ctx.state.clear();
  }
}
