// txt2img (A1111's StableDiffusionProcessingTxt2Img): every batch starts from pure noise scaled to the
// schedule's σ_max and runs the sampler over the full schedule; with hires fix a second, img2img-style pass
// at the upscaled size follows (hires-fix.ts). Jobs start through run-job.ts, which binds the scripts.
import { prepareHires, runHiresPass } from "@/lib/pipeline/hires-fix";
import { processImages } from "@/lib/pipeline/process-images";
import type { Processing } from "@/lib/pipeline/processing";
import { runSamplingPass } from "@/lib/pipeline/sampling-pass";
import type { GenerationResult } from "@/lib/queue/progress-report";

/** Checks the mode's own choices before any work (hires fix's upscaler and sampler) and records their infotext. */
export function prepareTxt2img(p: Processing): void {
  if (p.params.enableHr) prepareHires(p);
}

/** The txt2img job body: every batch sampled from noise, then hires fix when enabled. */
export function sampleTxt2img(p: Processing): Promise<GenerationResult> {
  return processImages(p, async (p, batch) => {
    const first = await runSamplingPass({
      p,
      sampler: p.params.samplerName,
      scheduler: p.params.scheduler,
      steps: p.params.steps,
      conditioning: { cond: batch.cond, uncond: batch.uncond, images: batch.indices },
      emptyChunk: batch.emptyChunk,
      latentShape: p.latentShape(),
      noise: batch.noise,
      brownian: batch.brownian,
    });
    // An interrupted first pass is shown as it is; the hires pass is skipped (docs/a1111/generation.md#interrupt-and-skip).
    if (!p.params.enableHr || first.interrupted) return first;
    return runHiresPass(p, batch, first.latent);
  });
}
