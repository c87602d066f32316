// Running a txt2img/img2img job for the API on the shared queue, then, for
// `override_settings_restore_afterwards: false`, keeping the job's overrides as the settings from now on.
import type { GenerationRequest } from "@/lib/api/generation-request";
import { runQueuedJob } from "@/lib/api/queued-job";
import { validateSettings } from "@/lib/api/setting-values";
import type { JobProgress } from "@/lib/queue/job-progress";
import { jobQueue } from "@/lib/queue/job-queue";
import type { GenerationResult } from "@/lib/queue/progress-report";
import { updateOptions } from "@/lib/settings/store";

export async function runGenerationJob(
  request: Request,
  req: GenerationRequest,
  kind: string,
  run: (progress: JobProgress) => Promise<GenerationResult>,
): Promise<GenerationResult> {
  const result = await runQueuedJob(jobQueue(), kind, run, request.signal, req.force_task_id);
  if (!req.override_settings_restore_afterwards && req.override_settings) {
    updateOptions(validateSettings(req.override_settings, ["body", "override_settings"], "drop"));
  }
  return result;
}
