// POST /sdapi/v1/interrupt — stops the running job after its current model call; answers {}.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { jobQueue } from "@/lib/queue/job-queue";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute(() => {
  jobQueue().current()?.progress.interrupt();
  return {};
});
export const OPTIONS = apiPreflight;
