// POST /sdapi/v1/skip — ends the running job's current batch; answers null.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { jobQueue } from "@/lib/queue/job-queue";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute(() => {
  jobQueue().current()?.progress.skip();
  return null;
});
export const OPTIONS = apiPreflight;
