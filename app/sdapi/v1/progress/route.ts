// GET /sdapi/v1/progress?skip_current_image=false — the running job's progress, answered from memory.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { apiProgress } from "@/lib/api/progress";
import { queryBoolean } from "@/lib/api/query-params";
import { jobQueue } from "@/lib/queue/job-queue";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute((request) => apiProgress(jobQueue(), queryBoolean(request, "skip_current_image", false)));
export const OPTIONS = apiPreflight;
