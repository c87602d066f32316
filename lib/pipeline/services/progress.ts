// `ctx.services.progress` (docs/extensions.md#progress): the job's interrupt and skip flags, the job count of
// scripts that run child jobs, labelled sub-steps that count in the progress bar and the ETA, and the live
// preview.
import { encodePng } from "@/lib/images/png-encode";
import type { JobProgress } from "@/lib/queue/job-progress";
import type { ProgressService, SubSteps } from "@/lib/scripts/script-services";

function subSteps(progress: JobProgress, count: number, label: string): SubSteps {
  // Inside another script's sub-step (ADetailer in an Ultimate SD Upscale tile) the outer unit already counts
  // this work: only the label shows where it is.
  const nested = progress.subStepRunning;
  const outer = progress.job;
  if (!nested) progress.addJobs(count);
  let started = 0;
  let finished = false;
  return {
    next() {
      if (finished) return;
      started += 1;
      const text = `${label} ${started}/${count}`;
      if (nested) progress.job = outer ? `${outer}, ${text}` : text;
      else progress.beginSubStep(text, started > 1);
    },
    done() {
      if (finished) return;
      finished = true;
      if (nested) progress.job = outer;
      else if (started > 0) progress.endSubStep();
    },
  };
}

export function progressService(progress: JobProgress): ProgressService {
  return {
    get interrupted() {
      return progress.interrupted;
    },
    get skipped() {
      return progress.skipped;
    },
    get shouldStop() {
      return progress.shouldStop;
    },
    get stoppingGeneration() {
      return progress.stoppingGeneration;
    },
    get job() {
      return progress.job;
    },
    set job(text: string) {
      progress.job = text;
    },
    subSteps: (count, label) => subSteps(progress, count, label),
    reserveJobs: (count) => progress.reserveJobs(count),
    async setPreview(image) {
      progress.setPreview(`data:image/png;base64,${(await encodePng(image)).toString("base64")}`);
    },
  };
}
