// POST /sdapi/v1/unload-checkpoint — frees the loaded model's memory (answers {}); queued behind any
// running job so it never pulls a model out from under one. The next generation loads it again.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { runQueuedJob } from "@/lib/api/queued-job";
import { unloadCheckpoint } from "@/lib/models/checkpoints";
import { jobQueue } from "@/lib/queue/job-queue";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute(async (request) => {
  await runQueuedJob(jobQueue(), "unload-checkpoint", () => unloadCheckpoint(), request.signal);
  return {};
});
export const OPTIONS = apiPreflight;
