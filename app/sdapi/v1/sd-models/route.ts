// GET /sdapi/v1/sd-models
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { apiSdModels } from "@/lib/api/sd-models";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => apiSdModels());
export const OPTIONS = apiPreflight;
