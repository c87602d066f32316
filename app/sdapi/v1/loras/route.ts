// GET /sdapi/v1/loras — A1111's Lora extension route: `[{name, alias, path, metadata}]` of models/Lora.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { listLoras } from "@/lib/models/loras";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(() => listLoras());
export const OPTIONS = apiPreflight;
