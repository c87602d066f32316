// The single entry of every generation job: the processing object is created, the request's scripts are
// bound on it (job-scripts.ts), then the mode's body runs (txt2img.ts / img2img.ts). Child jobs of scripts
// (X/Y/Z cells, tiles, inpaint passes) come back here through the `runChild` service this module hands in.
import { checkImg2imgInputs, img2imgGenerationParams, img2imgJobInputs, sampleImg2img } from "@/lib/pipeline/img2img";
import { img2imgParamsSchema, type Img2imgParams } from "@/lib/pipeline/img2img-params";
import { runWithScripts, type JobScriptOptions } from "@/lib/pipeline/job-scripts";
import { generationParamsSchema, type GenerationParams } from "@/lib/pipeline/params";
import { createProcessing, type Processing } from "@/lib/pipeline/processing";
import { prepareTxt2img, sampleTxt2img } from "@/lib/pipeline/txt2img";
import type { UnetFn } from "@/lib/pipeline/unet-call";
import type { JobProgress } from "@/lib/queue/job-progress";
import { withJobWarnings, type GenerationResult } from "@/lib/queue/progress-report";
import type { ScriptTab } from "@/lib/scripts/script";
import type { ChildJobOptions, RunChild } from "@/lib/scripts/script-services";

export interface RunJobOptions {
  /** Sees the job before it starts (tests look at it afterwards). */
  setup?: (p: Processing) => void;
  /**
   * Wraps this job's UNet inside every script's wrapper, so it sees the model's own calls (benchmarks' and
   * tests' recorders). It joins the job's hook table like a script's `wrapUnet`.
   */
  unetProbe?: (inner: UnetFn) => UnetFn;
  /** Which always-on scripts run (a script's child jobs). */
  alwaysOnFilter?: ChildJobOptions["alwaysOnFilter"];
}

/** A child job shares the parent's progress (and so its interrupt); it runs no selected script. */
function childRunner(progress: JobProgress): RunChild {
  return (kind, params, options) => runJob(kind, { ...params, scriptName: null, scriptArgs: [] }, progress, { alwaysOnFilter: options?.alwaysOnFilter });
}

function scriptOptions(progress: JobProgress, { unetProbe, alwaysOnFilter }: RunJobOptions): JobScriptOptions {
  const probe = unetProbe && {
    script: { id: "unet-probe", title: "UNet probe", kind: "alwaysOn" as const, tabs: ["txt2img", "img2img"] as const, params: [], hooks: { wrapUnet: unetProbe } },
    args: {},
  };
  return { runChild: childRunner(progress), alwaysOnFilter, extraScripts: probe ? [probe] : [] };
}

export async function runTxt2img(params: GenerationParams, progress: JobProgress, options: RunJobOptions = {}): Promise<GenerationResult> {
  const p = await createProcessing("txt2img", params, progress);
  prepareTxt2img(p);
  options.setup?.(p);
  return withJobWarnings(await runWithScripts(p, () => sampleTxt2img(p), scriptOptions(progress, options)), progress);
}

export async function runImg2img(request: Img2imgParams, progress: JobProgress, options: RunJobOptions = {}): Promise<GenerationResult> {
  const inputs = await checkImg2imgInputs(request);
  const p = await createProcessing("img2img", img2imgGenerationParams(inputs), progress);
  // Scripts' child jobs start from the whole request, init images and inpaint fields included.
  p.request = { ...inputs.params, ...p.params };
  p.img2img = img2imgJobInputs(inputs);
  options.setup?.(p);
  // Scripts are installed before the init images are prepared, so `process` and `wrapVaeEncode` see them.
  return withJobWarnings(await runWithScripts(p, () => sampleImg2img(p, inputs), scriptOptions(progress, options)), progress);
}

/** A job whose mode is picked at run time, from unparsed parameters (scripts' child jobs). */
export function runJob(kind: ScriptTab, params: Record<string, unknown>, progress: JobProgress, options: RunJobOptions = {}): Promise<GenerationResult> {
  return kind === "txt2img"
    ? runTxt2img(generationParamsSchema.parse(params), progress, options)
    : runImg2img(img2imgParamsSchema.parse(params), progress, options);
}
