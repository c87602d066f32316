// GET /sdapi/v1/script-info — every script with its arguments, per tab.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { apiScriptInfo } from "@/lib/api/scripts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => apiScriptInfo());
export const OPTIONS = apiPreflight;
