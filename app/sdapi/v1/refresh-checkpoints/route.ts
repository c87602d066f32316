// POST /sdapi/v1/refresh-checkpoints — the list is read from disk on every request; this rescans (and hashes) now.
import { apiPreflight, apiRoute } from "@/lib/api/api-route";
import { listCheckpoints } from "@/lib/models/checkpoints";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute(() => {
  listCheckpoints();
  return null;
});
export const OPTIONS = apiPreflight;
