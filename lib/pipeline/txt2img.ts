// txt2img (A1111's StableDiffusionProcessingTxt2Img): every batch starts from pure noise scaled to the
// schedule's σ_max and runs the sampler over the full schedule; with hires fix a second, img2img-style pass
// at the upscaled size follows (hires-fix.ts).
import { defaultCheckpoint, loadCheckpoint } from "@/lib/models/checkpoints";
import { prepareHires, runHiresPass } from "@/lib/pipeline/hires-fix";
import type { GenerationParams } from "@/lib/pipeline/params";
import { runWithScripts } from "@/lib/pipeline/job-scripts";
import { processImages } from "@/lib/pipeline/process-images";
import { optionsWithOverrides, Processing } from "@/lib/pipeline/processing";
import { runSamplingPass } from "@/lib/pipeline/sampling-pass";
import type { JobProgress } from "@/lib/queue/job-progress";
import type { GenerationResult } from "@/lib/queue/progress-report";
import { resolveSamplerAndScheduler } from "@/lib/sampling/registry";
import type { ChildJobOptions } from "@/lib/scripts/script";
import { loadOptions } from "@/lib/settings/store";

/**
 * `setup` sees the job before it starts (benchmarks attach to it there); `alwaysOnFilter` limits a
 * child job's always-on scripts.
 */
export async function runTxt2img(
  params: GenerationParams,
  progress: JobProgress,
  setup?: (p: Processing) => void,
  alwaysOnFilter?: ChildJobOptions["alwaysOnFilter"],
): Promise<GenerationResult> {
  const p = await createProcessing("txt2img", params, progress);
  if (p.params.enableHr) prepareHires(p);
  setup?.(p);
  return runWithScripts(p, () => processImages(p, async (p, batch) => {
    const first = await runSamplingPass({
      p,
      sampler: p.params.samplerName,
      scheduler: p.params.scheduler,
      steps: p.params.steps,
      conditioning: { cond: batch.cond, uncond: batch.uncond },
      emptyChunk: batch.emptyChunk,
      latentShape: p.latentShape(),
      noise: batch.noise,
      brownian: batch.brownian,
    });
    // An interrupted first pass is shown as it is; the hires pass is skipped (a1111-spec.md §1.7).
    if (!p.params.enableHr || first.interrupted) return first;
    return runHiresPass(p, batch, first.latent);
  }), alwaysOnFilter);
}

/** Settings, checkpoint and per-image lists for a job of `kind`. */
export async function createProcessing(kind: Processing["kind"], request: GenerationParams, progress: JobProgress): Promise<Processing> {
  // Combined legacy names ("DPM++ 2M Karras") split into sampler and schedule type, as A1111 does.
  const resolved = resolveSamplerAndScheduler(request.samplerName, request.scheduler, { convertAutomatic: false });
  if (!resolved) throw new Error(`unknown sampler "${request.samplerName}"`);
  const params = { ...request, samplerName: resolved.sampler.name, scheduler: resolved.scheduler.label };
  const options = optionsWithOverrides(loadOptions(), params.overrideSettings);
  const { model, info } = await loadCheckpoint(defaultCheckpoint(options.sd_model_checkpoint).name);
  return new Processing(kind, params, options, model, info, progress);
}
