// POST /sdapi/v1/refresh-loras — the folder is read on every request; this rescans now (answers null).
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { listLoras } from "@/lib/models/loras";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute(() => {
  listLoras();
  return null;
});
export const OPTIONS = apiPreflight;
