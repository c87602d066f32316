// The single entry of every generation job: the processing object is created, the request's scripts are
// bound on it (job-scripts.ts), then the mode's body runs (txt2img.ts / img2img.ts). Child jobs of scripts
// (X/Y/Z cells, tiles, inpaint passes) come back here through the `runChild` service this module hands in.
import { checkImg2imgInputs, img2imgGenerationParams, sampleImg2img } from "@/lib/pipeline/img2img";
import { img2imgParamsSchema, type Img2imgParams } from "@/lib/pipeline/img2img-params";
import { runWithScripts } from "@/lib/pipeline/job-scripts";
import { generationParamsSchema, type GenerationParams } from "@/lib/pipeline/params";
import { createProcessing, type Processing } from "@/lib/pipeline/processing";
import { prepareTxt2img, sampleTxt2img } from "@/lib/pipeline/txt2img";
import type { JobProgress } from "@/lib/queue/job-progress";
import type { GenerationResult } from "@/lib/queue/progress-report";
import type { ChildJobOptions, RunChild, ScriptTab } from "@/lib/scripts/script";

type AlwaysOnFilter = ChildJobOptions["alwaysOnFilter"];

/** A child job shares the parent's progress (and so its interrupt); it runs no selected script. */
function childRunner(progress: JobProgress): RunChild {
  return (kind, params, options) => runJob(kind, { ...params, scriptName: null, scriptArgs: [] }, progress, options?.alwaysOnFilter);
}

/**
 * `setup` sees the job before it starts (benchmarks attach to it there); `alwaysOnFilter` limits a
 * child job's always-on scripts.
 */
export async function runTxt2img(
  params: GenerationParams,
  progress: JobProgress,
  setup?: (p: Processing) => void,
  alwaysOnFilter?: AlwaysOnFilter,
): Promise<GenerationResult> {
  const p = await createProcessing("txt2img", params, progress);
  prepareTxt2img(p);
  setup?.(p);
  return runWithScripts(p, () => sampleTxt2img(p), { runChild: childRunner(progress), alwaysOnFilter });
}

export async function runImg2img(
  request: Img2imgParams,
  progress: JobProgress,
  setup?: (p: Processing) => void,
  alwaysOnFilter?: AlwaysOnFilter,
): Promise<GenerationResult> {
  const inputs = await checkImg2imgInputs(request);
  const p = await createProcessing("img2img", img2imgGenerationParams(inputs), progress);
  setup?.(p);
  // Scripts are installed before the init images are prepared, so `process` and `wrapVaeEncode` see them.
  return runWithScripts(p, () => sampleImg2img(p, inputs), { runChild: childRunner(progress), alwaysOnFilter });
}

/** A job whose mode is picked at run time, from unparsed parameters (scripts' child jobs). */
export function runJob(kind: ScriptTab, params: Record<string, unknown>, progress: JobProgress, alwaysOnFilter?: AlwaysOnFilter): Promise<GenerationResult> {
  return kind === "txt2img"
    ? runTxt2img(generationParamsSchema.parse(params), progress, undefined, alwaysOnFilter)
    : runImg2img(img2imgParamsSchema.parse(params), progress, undefined, alwaysOnFilter);
}
