// POST /sdapi/v1/reload-checkpoint — loads the model the settings name (the first one when that is
// gone), queued like a job; answers {}.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { runQueuedJob } from "@/lib/api/queued-job";
import { defaultCheckpoint, loadCheckpoint } from "@/lib/models/checkpoints";
import { jobQueue } from "@/lib/queue/job-queue";
import { loadOptions } from "@/lib/settings/store";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute(async (request) => {
  await runQueuedJob(jobQueue(), "reload-checkpoint", () => loadCheckpoint(defaultCheckpoint(loadOptions().sd_model_checkpoint ?? "").name), request.signal);
  return {};
});
export const OPTIONS = apiPreflight;
