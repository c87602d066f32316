// Running a txt2img/img2img job for the API on the shared queue, then, for
// `override_settings_restore_afterwards: false`, keeping the job's overrides as the settings from now on.
import { ApiError } from "@/lib/api/errors";
import { scriptFields } from "@/lib/api/generation-params";
import type { GenerationRequest } from "@/lib/api/generation-request";
import { runQueuedJob } from "@/lib/api/queued-job";
import { validateSettings } from "@/lib/api/setting-values";
import type { JobProgress } from "@/lib/queue/job-progress";
import { jobQueue } from "@/lib/queue/job-queue";
import type { GenerationResult } from "@/lib/queue/progress-report";
import { resolveJobScripts, ScriptRequestError } from "@/lib/scripts/request-scripts";
import { ScriptArgsError } from "@/lib/scripts/bind-args";
import { updateOptions } from "@/lib/settings/store";

/** Unknown scripts and bad script arguments are the client's error (422), found before the job is queued. */
async function checkScripts(kind: string, req: GenerationRequest): Promise<void> {
  if (kind !== "txt2img" && kind !== "img2img") return;
  try {
    await resolveJobScripts(kind, scriptFields(req));
  } catch (e) {
    if (e instanceof ScriptRequestError || e instanceof ScriptArgsError) throw new ApiError(422, e.message);
    throw e;
  }
}

export async function runGenerationJob(
  request: Request,
  req: GenerationRequest,
  kind: string,
  run: (progress: JobProgress) => Promise<GenerationResult>,
): Promise<GenerationResult> {
  await checkScripts(kind, req);
  const result = await runQueuedJob(jobQueue(), kind, run, request.signal, req.force_task_id);
  if (!req.override_settings_restore_afterwards && req.override_settings) {
    updateOptions(validateSettings(req.override_settings, ["body", "override_settings"], "drop"));
  }
  return result;
}
