// GET /sdapi/v1/scripts — selectable scripts per tab (built in and from enabled extensions).
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { apiScriptList } from "@/lib/api/scripts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => apiScriptList());
export const OPTIONS = apiPreflight;
