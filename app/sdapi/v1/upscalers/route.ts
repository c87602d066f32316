// GET /sdapi/v1/upscalers
import { apiRoute } from "@/lib/api/api-route";
import { apiUpscalers } from "@/lib/api/upscalers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => apiUpscalers());
