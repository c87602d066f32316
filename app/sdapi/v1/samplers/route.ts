// GET /sdapi/v1/samplers
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { samplersForApi } from "@/lib/sampling/registry";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => samplersForApi());
export const OPTIONS = apiPreflight;
