// GET /sdapi/v1/schedulers
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { schedulersForApi } from "@/lib/sampling/registry";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => schedulersForApi());
export const OPTIONS = apiPreflight;
