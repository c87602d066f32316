// The single entry of every generation job: the processing object is created, the request's scripts are
// bound on it (job-scripts.ts), then the mode's body runs (txt2img.ts / img2img.ts). Child jobs of scripts
// (X/Y/Z cells, tiles, inpaint passes) come back here through the `runChild` service this module hands in, or
// its twin that takes the child's pictures as pixels (`inpaintPixels`).
import { checkImg2imgInputs, img2imgGenerationParams, img2imgJobInputs, sampleImg2img } from "@/lib/pipeline/img2img";
import { img2imgParamsSchema, type Img2imgParams } from "@/lib/pipeline/img2img-params";
import { runWithScripts, type JobScriptOptions } from "@/lib/pipeline/job-scripts";
import { generationParamsSchema, type GenerationParams } from "@/lib/pipeline/params";
import { createProcessing, type JobPicture, type Processing } from "@/lib/pipeline/processing";
import type { RunPixelChild } from "@/lib/pipeline/services/inpaint";
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
  /** Takes the job's pictures as pixels instead of PNGs (a child job of `inpaintPixels`; `Processing.takePicture`). */
  takePicture?: Processing["takePicture"];
  /** Runs around each child job of this job, not around theirs (benchmarks time them). */
  wrapChild?: <T>(child: () => Promise<T>) => Promise<T>;
}

/** A child job shares the parent's progress (and so its interrupt); it runs no selected script. */
function runChildJob(kind: ScriptTab, params: Record<string, unknown>, progress: JobProgress, options: RunJobOptions, wrap: RunJobOptions["wrapChild"]): Promise<GenerationResult> {
  const run = () => runJob(kind, { ...params, scriptName: null, scriptArgs: [] }, progress, options);
  return wrap ? wrap(run) : run();
}

function scriptOptions(progress: JobProgress, { unetProbe, alwaysOnFilter, wrapChild }: RunJobOptions): JobScriptOptions {
  const probe = unetProbe && {
    script: { id: "unet-probe", title: "UNet probe", kind: "alwaysOn" as const, tabs: ["txt2img", "img2img"] as const, params: [], hooks: { wrapUnet: unetProbe } },
    args: {},
  };
  const runChild: RunChild = (kind, params, options) => runChildJob(kind, params, progress, { alwaysOnFilter: options?.alwaysOnFilter }, wrapChild);
  const runPixelChild: RunPixelChild = async (kind, params, options) => {
    const pictures: JobPicture[] = [];
    const { info } = await runChildJob(kind, params, progress, { alwaysOnFilter: options?.alwaysOnFilter, takePicture: (picture) => pictures.push(picture) }, wrapChild);
    return { pictures, info };
  };
  return { runChild, runPixelChild, alwaysOnFilter, extraScripts: probe ? [probe] : [] };
}

export async function runTxt2img(params: GenerationParams, progress: JobProgress, options: RunJobOptions = {}): Promise<GenerationResult> {
  const p = await createProcessing("txt2img", params, progress);
  prepareTxt2img(p);
  p.takePicture = options.takePicture ?? null;
  options.setup?.(p);
  return withJobWarnings(await runWithScripts(p, () => sampleTxt2img(p), scriptOptions(progress, options)), progress);
}

export async function runImg2img(request: Img2imgParams, progress: JobProgress, options: RunJobOptions = {}): Promise<GenerationResult> {
  const inputs = await checkImg2imgInputs(request);
  const p = await createProcessing("img2img", img2imgGenerationParams(inputs), progress);
  // Scripts' child jobs start from the whole request, init images and inpaint fields included.
  p.request = { ...inputs.params, ...p.params };
  p.img2img = img2imgJobInputs(inputs);
  p.takePicture = options.takePicture ?? null;
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
