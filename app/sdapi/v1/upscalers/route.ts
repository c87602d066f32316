// GET /sdapi/v1/upscalers
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { apiUpscalers } from "@/lib/api/upscalers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => apiUpscalers());
export const OPTIONS = apiPreflight;
