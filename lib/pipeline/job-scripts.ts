// Scripts inside a generation job (docs/a1111/scripts.md#one-jobs-call-order): the request's scripts (request-scripts.ts) are
// installed on this job only, with the services they may use, and unwound when it ends. A selected
// script's `run` replaces the plain job; it makes its images through child jobs (`runChild`, handed in by
// run-job.ts, so this module does not depend on the job runners). The plain job is admitted by its
// estimated memory (lib/admission) once `process` has set its final size.
import { runAdmitted } from "@/lib/admission/admit";
import { processingInfo } from "@/lib/pipeline/process-images";
import type { Processing } from "@/lib/pipeline/processing";
import { jobServices } from "@/lib/pipeline/services";
import type { RunPixelChild } from "@/lib/pipeline/services/inpaint";
import type { GenerationResult } from "@/lib/queue/progress-report";
import { jobHooks, withScripts, type ActiveScript } from "@/lib/scripts/job-hooks";
import { resolveJobScripts } from "@/lib/scripts/request-scripts";
import type { ChildJobOptions, RunChild } from "@/lib/scripts/script-services";

export interface JobScriptOptions {
  /** Runs a child job of this job (shares its progress and interrupt). */
  runChild: RunChild;
  /** The same, taking the child's pictures as pixels (`inpaintPixels`). */
  runPixelChild: RunPixelChild;
  alwaysOnFilter?: ChildJobOptions["alwaysOnFilter"];
  /** Installed after the request's scripts, so their wrappers are innermost (benchmarks' and tests' probes). */
  extraScripts?: readonly ActiveScript[];
}

function withJobInfo(p: Processing, result: GenerationResult): GenerationResult {
  return { ...result, info: { ...processingInfo(p, result.images.map((i) => i.infotext), 0), ...result.info } };
}

/**
 * Runs `runBase` (the plain job) with the job's scripts installed — admitted by its estimated memory
 * once `process` has set its final size — or the selected script's `run` (its child jobs are admitted
 * one by one).
 */
export async function runWithScripts(p: Processing, runBase: () => Promise<GenerationResult>, options: JobScriptOptions): Promise<GenerationResult> {
  const scripts = [...(await resolveJobScripts(p.kind, p.params, options.alwaysOnFilter)), ...(options.extraScripts ?? [])];
  if (scripts.length === 0) return runAdmitted(p, jobHooks(p), runBase);
  return withScripts(p, scripts, jobServices(p, options.runChild, options.runPixelChild), async (hooks) => {
    await hooks.process();
    // A selectable script's result gets the job's full `info`, which its own fields refine (X/Y/Z: the first cell's).
    const result = hooks.run ? withJobInfo(p, await hooks.run()) : await runAdmitted(p, hooks, runBase);
    await hooks.postprocess(result);
    return result;
  });
}
